// SPDX-License-Identifier: Apache-2.0
// The item catalog (事项清单): parsing and validation of the catalog JSON of specs/platform-api.md.
#pragma once

#include "base/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace kiosk::core {

/// What an item lets the citizen do. Queries and prints need the platform; applications can be
/// queued; guides are read-only.
enum class ItemKind { Apply, Query, Print, Guide };
/// "required": cannot be completed while the link is down; "preferred": completed locally and
/// queued.
enum class OnlineMode { Required, Preferred };
/// How the citizen identifies: by ID card (or identity code), or not at all.
enum class AuthMode { IdCard, None };
enum class FieldType { Text, Phone, Date, Choice, IdNumber, Address };

std::string_view toString(ItemKind value);   ///< apply | query | print | guide
std::string_view toString(OnlineMode value); ///< required | preferred
std::string_view toString(AuthMode value);   ///< idcard | none
std::string_view toString(FieldType value);  ///< text | phone | date | choice | idnumber | address

struct Material {
    std::string name;
    bool required = true;
};

/// 办事指南: what a citizen reads before applying.
struct Guide {
    std::string legalBasis; ///< 设定依据
    int timeLimitDays = 0;  ///< 承诺办结时限 (working days); 0 = on the spot (即办)
    std::string fee;        ///< 收费标准, e.g. "不收费"
    std::vector<Material> materials;                 ///< 申请材料
    std::vector<std::string> process;                ///< 办理流程
    std::string conditions;                          ///< 受理条件
    nlohmann::json extra = nlohmann::json::object(); ///< unknown members, verbatim
};

struct FormField {
    std::string id;
    std::string label;
    FieldType type = FieldType::Text;
    bool required = false;
    std::string prefill;              ///< "card.name", "card.idNumber", ... or empty
    std::vector<std::string> options; ///< the choices of a choice field
};

struct Form {
    std::vector<FormField> fields;
};

struct CatalogItem {
    std::string code; ///< 事项编码, unique in the catalog
    std::string name;
    /// The name in English (optional "nameEn"), shown when the UI is in en_US; empty: the
    /// Chinese name is shown there too.
    std::string nameEn;
    std::string department;
    std::string theme;
    ItemKind kind = ItemKind::Guide;
    AuthMode auth = AuthMode::None;
    OnlineMode online = OnlineMode::Preferred;
    int hot = 0; ///< popularity; the home screen shows the hottest items first
    bool enabled = true;
    Guide guide;
    Form form;
    /// Members this build does not know, kept verbatim so that they survive show, diff and
    /// re-serialisation (the contract: "more may appear and must be preserved").
    nlohmann::json extra = nlohmann::json::object();
};

/// A rating reason code offered for bad ratings (levels 1-2).
struct Reason {
    std::string code;
    std::string text;
};

/// An everyday word citizens type for what item names call otherwise (社保 for 社会保险): the
/// search treats an item whose name contains one of `means` as a name match for `term`.
/// Optional top-level `synonyms` list of the catalog; admins extend it with a signed push.
struct Synonym {
    std::string term;               ///< e.g. "社保"
    std::vector<std::string> means; ///< e.g. {"社会保险"}: text occurring in item names
    nlohmann::json extra = nlohmann::json::object(); ///< unknown members, verbatim
};

struct Catalog {
    int schemaVersion = 1;
    std::int64_t catalogVersion = 0;
    std::string region;     ///< administrative division code, e.g. "510703"
    std::string regionName; ///< e.g. "绵阳市涪城区"; optional
    std::string issuedAt;
    std::vector<Reason> reasons;
    std::vector<CatalogItem> items;
    std::vector<Synonym> synonyms;                   ///< empty when the catalog has none
    nlohmann::json extra = nlohmann::json::object(); ///< unknown top-level members, verbatim

    /// The item with this code, or nullptr.
    [[nodiscard]] const CatalogItem* findItem(std::string_view code) const;
    /// Themes and departments in order of first appearance.
    [[nodiscard]] std::vector<std::string> themes() const;
    [[nodiscard]] std::vector<std::string> departments() const;
    /// Enabled items with hot > 0, hottest first (ties keep catalog order), at most `limit`.
    [[nodiscard]] std::vector<const CatalogItem*> popular(std::size_t limit) const;
};

enum class CatalogErrc { syntax = 1, schema, too_large };
const std::error_category& catalogCategory();
inline std::error_code make_error_code(CatalogErrc e)
{
    return {static_cast<int>(e), catalogCategory()};
}

/// The largest catalog file accepted (bytes); larger ones are refused before parsing.
inline constexpr std::size_t maxCatalogBytes = 50u * 1024u * 1024u;

/// Parses and validates catalog JSON text. Errors name the item (by code or index) and the
/// field, e.g. "items[12] (11510703...0001): guide.timeLimitDays: must be a non-negative integer".
/// Unknown members of the catalog and of each item are accepted and kept in `extra`.
[[nodiscard]] base::Result<Catalog> parseCatalog(std::string_view json);

/// The catalog as JSON again: every known field plus the preserved unknown members. Parsing
/// the result gives an equal catalog.
[[nodiscard]] nlohmann::json toJson(const Catalog& catalog);
[[nodiscard]] nlohmann::json toJson(const CatalogItem& item);

/// Reads and parses a catalog file.
[[nodiscard]] base::Result<Catalog> loadCatalogFile(const std::string& path);

} // namespace kiosk::core

template <> struct std::is_error_code_enum<kiosk::core::CatalogErrc> : std::true_type {
};
