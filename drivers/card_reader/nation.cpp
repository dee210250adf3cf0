// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/nation.h"

#include <array>

namespace drivers::card_reader {

namespace {

// Codes 01..56 in order (GB/T 3304, as listed in specs/idcard-reader.md).
constexpr std::array<std::string_view, 56> nations = {
    "汉",     "蒙古",   "回",       "藏",     "维吾尔",   "苗",   "彝",     "壮",
    "布依",   "朝鲜",   "满",       "侗",     "瑶",       "白",   "土家",   "哈尼",
    "哈萨克", "傣",     "黎",       "傈僳",   "佤",       "畲",   "高山",   "拉祜",
    "水",     "东乡",   "纳西",     "景颇",   "柯尔克孜", "土",   "达斡尔", "仫佬",
    "羌",     "布朗",   "撒拉",     "毛南",   "仡佬",     "锡伯", "阿昌",   "普米",
    "塔吉克", "怒",     "乌孜别克", "俄罗斯", "鄂温克",   "德昂", "保安",   "裕固",
    "京",     "塔塔尔", "独龙",     "鄂伦春", "赫哲",     "门巴", "珞巴",   "基诺"};

} // namespace

std::string_view nationName(std::string_view code)
{
    if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return "其他";
    const int value = (code[0] - '0') * 10 + (code[1] - '0');
    if (value >= 1 && value <= 56)
        return nations[static_cast<std::size_t>(value - 1)];
    if (value == 98)
        return "外国血统中国籍人士";
    return "其他"; // 97 and every unknown code
}

} // namespace drivers::card_reader
