// SPDX-License-Identifier: Apache-2.0
// kiosk::core::words: the citizen's texts with parts filled in (templates), known to the UI.
#pragma once

#include "base/citizen_text.h"

#include <span>
#include <string_view>

namespace kiosk::core::words {

// Each is filled with base::CitizenText::format(); the parts are catalog data (a field's label,
// a material's name), numbers, or another marked text. The UI matches a text against these to
// translate the template and keep the parts (qml/citizen_words.h).
inline constexpr std::string_view fillIn = base::CitizenText::tr("请填写%1");
inline constexpr std::string_view phoneShape =
    base::CitizenText::tr("%1应为11位手机号码或带区号的固定电话");
inline constexpr std::string_view notRight = base::CitizenText::tr("%1不正确，请核对后重新输入");
inline constexpr std::string_view dateShape =
    base::CitizenText::tr("%1应为年-月-日，例如2026-01-31");
inline constexpr std::string_view chooseListed = base::CitizenText::tr("请从列出的选项中选择%1");
inline constexpr std::string_view tooLong = base::CitizenText::tr("%1太长了");
inline constexpr std::string_view unknownReason = base::CitizenText::tr("未知的评价原因：%1");
inline constexpr std::string_view submittedAs = base::CitizenText::tr("已提交，受理号 %1");
/// A time as the progress screen shows it: year, month, day, hours, minutes (Beijing time).
inline constexpr std::string_view dateTime = base::CitizenText::tr("%1年%2月%3日 %4:%5");
inline constexpr std::string_view materialsToCounter = base::CitizenText::tr(
    "高拍仪暂时不能使用。请带上“%1”到服务窗口补交。您填写的内容已保存，可以继续提交申请。");
inline constexpr std::string_view photographFirst = base::CitizenText::tr("请先拍摄“%1”。");
inline constexpr std::string_view materialRequired =
    base::CitizenText::tr("“%1”是必须提交的材料，不能跳过。");
/// A receipt that did not print (%1: why, itself a marked text).
inline constexpr std::string_view receiptNotPrinted =
    base::CitizenText::tr("%1您也可以用手机拍下屏幕上的二维码，凭它查询办理进度。");

/// Every template above, for the UI.
[[nodiscard]] std::span<const std::string_view> templates();

} // namespace kiosk::core::words
