// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/catalog.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <utility>

namespace kiosk::core {

namespace {

class CatalogCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "catalog"; }
    std::string message(int value) const override
    {
        switch (static_cast<CatalogErrc>(value)) {
        case CatalogErrc::syntax:
            return "catalog is not valid JSON";
        case CatalogErrc::schema:
            return "catalog does not match the schema";
        case CatalogErrc::too_large:
            return "catalog is too large";
        }
        return "catalog error";
    }
};

using Json = nlohmann::json;

/// The names of an enum's values as the catalog spells them, in enum order.
constexpr std::array kindNames{"apply", "query", "print", "guide"};
constexpr std::array onlineNames{"required", "preferred"};
constexpr std::array authNames{"idcard", "none"};
constexpr std::array fieldTypeNames{"text", "phone", "date", "choice", "idnumber", "address"};
constexpr std::array prefillNames{"card.name",   "card.idNumber",  "card.address",
                                  "card.nation", "card.birthDate", "card.sex"};

/// Reads the fields of one JSON object; the first problem is kept with its path
/// ("items[3] (CODE): guide.fee") and later reads do nothing, so parsing code stays linear.
class ObjectReader {
public:
    ObjectReader(const Json& object, std::string path, std::optional<std::string>& problem)
        : object_(object), path_(std::move(path)), problem_(problem)
    {
        if (!object_.is_object())
            report("", "must be an object");
    }

    bool ok() const { return !problem_.has_value(); }

    void report(std::string_view field, std::string_view what)
    {
        if (!problem_)
            problem_ = path_ +
                       (field.empty() ? "" : (path_.empty() ? "" : ".") + std::string(field)) +
                       ": " + std::string(what);
    }

    const Json* find(std::string_view field, bool required)
    {
        if (!ok())
            return nullptr;
        const auto it = object_.find(field);
        if (it == object_.end()) {
            if (required)
                report(field, "is required");
            return nullptr;
        }
        return &*it;
    }

    void text(std::string_view field, std::string& out, bool required = true)
    {
        if (const Json* value = find(field, required)) {
            if (!value->is_string())
                return report(field, "must be a string");
            out = value->get<std::string>();
            if (required && out.empty())
                report(field, "must not be empty");
        }
    }

    void boolean(std::string_view field, bool& out, bool required = true)
    {
        if (const Json* value = find(field, required)) {
            if (!value->is_boolean())
                return report(field, "must be true or false");
            out = value->get<bool>();
        }
    }

    template <class Int> void integer(std::string_view field, Int& out, bool required, Int minimum)
    {
        if (const Json* value = find(field, required)) {
            if (!value->is_number_integer() || value->get<std::int64_t>() < minimum)
                return report(field, "must be an integer >= " + std::to_string(minimum));
            out = static_cast<Int>(value->get<std::int64_t>());
        }
    }

    template <class Enum, std::size_t N>
    void oneOf(std::string_view field, Enum& out, const std::array<const char*, N>& names,
               bool required = true)
    {
        std::string value;
        text(field, value, required);
        if (!ok() || value.empty())
            return;
        const auto it = std::find_if(names.begin(), names.end(),
                                     [&](const char* name) { return value == name; });
        if (it == names.end())
            return report(field, "unknown value \"" + value + "\"");
        out = static_cast<Enum>(std::distance(names.begin(), it));
    }

    /// Calls `each(element, path)` for every element of an array field.
    template <class Each> void array(std::string_view field, bool required, Each each)
    {
        const Json* value = find(field, required);
        if (value == nullptr)
            return;
        if (!value->is_array())
            return report(field, "must be an array");
        for (std::size_t i = 0; i < value->size() && ok(); ++i)
            each((*value)[i], child(field) + "[" + std::to_string(i) + "]");
    }

    std::string child(std::string_view field) const
    {
        return path_.empty() ? std::string(field) : path_ + "." + std::string(field);
    }

private:
    const Json& object_;
    std::string path_;
    std::optional<std::string>& problem_;
};

/// The members of `object` whose names are not in `known`, verbatim.
Json unknownMembers(const Json& object, std::initializer_list<std::string_view> known)
{
    Json extra = Json::object();
    if (!object.is_object())
        return extra;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            extra[it.key()] = it.value();
    return extra;
}

void readStringList(const Json& value, const std::string& path, std::vector<std::string>& out,
                    std::optional<std::string>& problem)
{
    if (!value.is_string() || value.get<std::string>().empty()) {
        if (!problem)
            problem = path + ": must be a non-empty string";
        return;
    }
    out.push_back(value.get<std::string>());
}

Guide readGuide(ObjectReader& item, std::optional<std::string>& problem)
{
    Guide guide;
    const Json* value = item.find("guide", true);
    if (value == nullptr)
        return guide;
    ObjectReader reader(*value, item.child("guide"), problem);
    reader.text("legalBasis", guide.legalBasis);
    reader.integer("timeLimitDays", guide.timeLimitDays, true, 0);
    reader.text("fee", guide.fee);
    reader.text("conditions", guide.conditions, false);
    reader.array("materials", true, [&](const Json& element, const std::string& path) {
        Material material;
        ObjectReader m(element, path, problem);
        m.text("name", material.name);
        m.boolean("required", material.required);
        guide.materials.push_back(std::move(material));
    });
    reader.array("process", true, [&](const Json& element, const std::string& path) {
        readStringList(element, path, guide.process, problem);
    });
    guide.extra = unknownMembers(
        *value, {"legalBasis", "timeLimitDays", "fee", "conditions", "materials", "process"});
    return guide;
}

FormField readField(const Json& element, const std::string& path,
                    std::optional<std::string>& problem)
{
    FormField field;
    ObjectReader reader(element, path, problem);
    reader.text("id", field.id);
    reader.text("label", field.label);
    reader.oneOf("type", field.type, fieldTypeNames);
    reader.boolean("required", field.required, false);
    reader.text("prefill", field.prefill, false);
    if (reader.ok() && !field.prefill.empty() &&
        std::none_of(prefillNames.begin(), prefillNames.end(),
                     [&](const char* n) { return field.prefill == n; }))
        reader.report("prefill", "unknown card field \"" + field.prefill + "\"");
    reader.array("options", false, [&](const Json& option, const std::string& optionPath) {
        readStringList(option, optionPath, field.options, problem);
    });
    if (reader.ok() && field.type == FieldType::Choice && field.options.size() < 2)
        reader.report("options", "a choice field needs at least two options");
    return field;
}

Form readForm(ObjectReader& item, std::optional<std::string>& problem)
{
    Form form;
    const Json* value = item.find("form", false);
    if (value == nullptr)
        return form;
    ObjectReader reader(*value, item.child("form"), problem);
    std::set<std::string> ids;
    reader.array("fields", true, [&](const Json& element, const std::string& path) {
        auto field = readField(element, path, problem);
        if (!problem && !ids.insert(field.id).second)
            problem = path + ".id: duplicate field id \"" + field.id + "\"";
        form.fields.push_back(std::move(field));
    });
    return form;
}

/// "items[12] (1151...0001)": the index always, the code when it could be read.
std::string itemPath(std::size_t index, const Json& element)
{
    std::string path = "items[" + std::to_string(index) + "]";
    if (element.is_object())
        if (auto code = element.find("code"); code != element.end() && code->is_string())
            path += " (" + code->get<std::string>() + ")";
    return path;
}

CatalogItem readItem(const Json& element, const std::string& path,
                     std::optional<std::string>& problem)
{
    CatalogItem item;
    ObjectReader reader(element, path, problem);
    reader.text("code", item.code);
    reader.text("name", item.name);
    reader.text("nameEn", item.nameEn, false);
    reader.text("department", item.department);
    reader.text("theme", item.theme);
    reader.oneOf("kind", item.kind, kindNames);
    reader.oneOf("auth", item.auth, authNames);
    reader.oneOf("online", item.online, onlineNames);
    reader.integer("hot", item.hot, false, 0);
    reader.boolean("enabled", item.enabled, false);
    item.guide = readGuide(reader, problem);
    item.form = readForm(reader, problem);
    item.extra = unknownMembers(element, {"code", "name", "nameEn", "department", "theme", "kind",
                                          "auth", "online", "hot", "enabled", "guide", "form"});
    if (reader.ok() && item.kind == ItemKind::Apply && item.auth == AuthMode::None &&
        !item.form.fields.empty())
        for (const auto& field : item.form.fields)
            if (!field.prefill.empty())
                reader.report(
                    "form",
                    "prefills from the ID card but the item does not ask for it (auth none)");
    return item;
}

void readItems(ObjectReader& root, Catalog& catalog, std::optional<std::string>& problem)
{
    std::set<std::string> codes;
    const Json* items = root.find("items", true);
    if (items == nullptr)
        return;
    if (!items->is_array())
        return root.report("items", "must be an array");
    catalog.items.reserve(items->size());
    for (std::size_t i = 0; i < items->size() && !problem; ++i) {
        const auto path = itemPath(i, (*items)[i]);
        auto item = readItem((*items)[i], path, problem);
        if (!problem && !codes.insert(item.code).second)
            problem = path + ": duplicate item code";
        catalog.items.push_back(std::move(item));
    }
}

/// The optional `synonyms` list: each entry a term and the texts it means, terms unique.
void readSynonyms(ObjectReader& root, Catalog& catalog, std::optional<std::string>& problem)
{
    std::set<std::string> terms;
    root.array("synonyms", false, [&](const Json& element, const std::string& path) {
        Synonym synonym;
        ObjectReader reader(element, path, problem);
        reader.text("term", synonym.term);
        reader.array("means", true, [&](const Json& meaning, const std::string& meaningPath) {
            readStringList(meaning, meaningPath, synonym.means, problem);
        });
        if (reader.ok() && synonym.means.empty())
            reader.report("means", "must name at least one text");
        if (reader.ok() && !terms.insert(synonym.term).second)
            reader.report("term", "duplicate term \"" + synonym.term + "\"");
        synonym.extra = unknownMembers(element, {"term", "means"});
        catalog.synonyms.push_back(std::move(synonym));
    });
}

} // namespace

const std::error_category& catalogCategory()
{
    static const CatalogCategory instance;
    return instance;
}

std::string_view toString(ItemKind value)
{
    return kindNames[static_cast<std::size_t>(value)];
}
std::string_view toString(OnlineMode value)
{
    return onlineNames[static_cast<std::size_t>(value)];
}
std::string_view toString(AuthMode value)
{
    return authNames[static_cast<std::size_t>(value)];
}
std::string_view toString(FieldType value)
{
    return fieldTypeNames[static_cast<std::size_t>(value)];
}

const CatalogItem* Catalog::findItem(std::string_view code) const
{
    const auto it = std::find_if(items.begin(), items.end(),
                                 [&](const CatalogItem& item) { return item.code == code; });
    return it == items.end() ? nullptr : &*it;
}

namespace {
std::vector<std::string> distinct(const std::vector<CatalogItem>& items,
                                  std::string CatalogItem::*member)
{
    std::vector<std::string> values;
    for (const auto& item : items)
        if (std::find(values.begin(), values.end(), item.*member) == values.end())
            values.push_back(item.*member);
    return values;
}
} // namespace

std::vector<std::string> Catalog::themes() const
{
    return distinct(items, &CatalogItem::theme);
}

std::vector<std::string> Catalog::departments() const
{
    return distinct(items, &CatalogItem::department);
}

std::vector<const CatalogItem*> Catalog::popular(std::size_t limit) const
{
    std::vector<const CatalogItem*> hot;
    for (const auto& item : items)
        if (item.enabled && item.hot > 0)
            hot.push_back(&item);
    std::stable_sort(hot.begin(), hot.end(),
                     [](const auto* a, const auto* b) { return a->hot > b->hot; });
    if (hot.size() > limit)
        hot.resize(limit);
    return hot;
}

base::Result<Catalog> parseCatalog(std::string_view json)
{
    if (json.size() > maxCatalogBytes)
        return base::fail(CatalogErrc::too_large, "catalog is " +
                                                      std::to_string(json.size() / (1024 * 1024)) +
                                                      " MiB; the limit is 50 MiB");
    const Json document = Json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded())
        return base::fail(CatalogErrc::syntax, "catalog is not valid JSON (or not UTF-8)");

    Catalog catalog;
    std::optional<std::string> problem;
    ObjectReader root(document, "", problem);
    root.integer("schemaVersion", catalog.schemaVersion, true, 1);
    if (root.ok() && catalog.schemaVersion != 1)
        root.report("schemaVersion", "version " + std::to_string(catalog.schemaVersion) +
                                         " is not supported (1 is)");
    root.integer<std::int64_t>("catalogVersion", catalog.catalogVersion, true, 1);
    root.text("region", catalog.region);
    root.text("regionName", catalog.regionName, false);
    root.text("issuedAt", catalog.issuedAt);
    root.array("reasons", true, [&](const Json& element, const std::string& path) {
        Reason reason;
        ObjectReader r(element, path, problem);
        r.text("code", reason.code);
        r.text("text", reason.text);
        catalog.reasons.push_back(std::move(reason));
    });
    readItems(root, catalog, problem);
    readSynonyms(root, catalog, problem);
    catalog.extra =
        unknownMembers(document, {"schemaVersion", "catalogVersion", "region", "regionName",
                                  "issuedAt", "reasons", "items", "synonyms"});
    if (problem)
        return base::fail(CatalogErrc::schema, *problem);
    return catalog;
}

Json toJson(const CatalogItem& item)
{
    Json materials = Json::array();
    for (const auto& material : item.guide.materials)
        materials.push_back({{"name", material.name}, {"required", material.required}});
    Json guide = item.guide.extra;
    guide.update(Json{{"legalBasis", item.guide.legalBasis},
                      {"timeLimitDays", item.guide.timeLimitDays},
                      {"fee", item.guide.fee},
                      {"materials", std::move(materials)},
                      {"process", item.guide.process}});
    if (!item.guide.conditions.empty())
        guide["conditions"] = item.guide.conditions;
    Json json = item.extra;
    if (!item.nameEn.empty())
        json["nameEn"] = item.nameEn;
    json.update(Json{{"code", item.code},
                     {"name", item.name},
                     {"department", item.department},
                     {"theme", item.theme},
                     {"kind", toString(item.kind)},
                     {"auth", toString(item.auth)},
                     {"online", toString(item.online)},
                     {"hot", item.hot},
                     {"enabled", item.enabled},
                     {"guide", std::move(guide)}});
    if (item.form.fields.empty())
        return json;
    Json fields = Json::array();
    for (const auto& field : item.form.fields) {
        Json f{{"id", field.id},
               {"label", field.label},
               {"type", toString(field.type)},
               {"required", field.required}};
        if (!field.prefill.empty())
            f["prefill"] = field.prefill;
        if (!field.options.empty())
            f["options"] = field.options;
        fields.push_back(std::move(f));
    }
    json["form"] = Json{{"fields", std::move(fields)}};
    return json;
}

Json toJson(const Catalog& catalog)
{
    Json reasons = Json::array();
    for (const auto& reason : catalog.reasons)
        reasons.push_back({{"code", reason.code}, {"text", reason.text}});
    Json items = Json::array();
    for (const auto& item : catalog.items)
        items.push_back(toJson(item));
    Json json = catalog.extra;
    json.update(Json{{"schemaVersion", catalog.schemaVersion},
                     {"catalogVersion", catalog.catalogVersion},
                     {"region", catalog.region},
                     {"issuedAt", catalog.issuedAt},
                     {"reasons", std::move(reasons)},
                     {"items", std::move(items)}});
    if (!catalog.regionName.empty())
        json["regionName"] = catalog.regionName;
    if (!catalog.synonyms.empty()) {
        Json synonyms = Json::array();
        for (const auto& synonym : catalog.synonyms) {
            Json entry = synonym.extra;
            entry.update(Json{{"term", synonym.term}, {"means", synonym.means}});
            synonyms.push_back(std::move(entry));
        }
        json["synonyms"] = std::move(synonyms);
    }
    return json;
}

base::Result<Catalog> loadCatalogFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return base::fail(base::errc::io, "cannot open catalog " + path);
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0));
    if (size > maxCatalogBytes)
        return base::fail(CatalogErrc::too_large, path + ": larger than 50 MiB");
    in.seekg(0);
    std::string text(size, '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(size)))
        return base::fail(base::errc::io, "cannot read catalog " + path);
    auto catalog = parseCatalog(text);
    if (!catalog)
        return base::fail(catalog.error().withContext(path));
    return catalog;
}

} // namespace kiosk::core
