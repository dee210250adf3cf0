// SPDX-License-Identifier: Apache-2.0
// Fuzzes kiosk::core::parseCatalog: a pushed or installed catalog is input from outside the
// kiosk, so no byte sequence may crash it; it either parses or returns an error. A parsed
// catalog is indexed for search (items and synonyms) and searched for a few of its own terms.
#include "kiosk/core/catalog.h"
#include "kiosk/core/catalog_search.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    auto catalog = kiosk::core::parseCatalog(json);
    if (catalog) {
        // Walk what the screens walk, so a parsed-but-inconsistent catalog would show here.
        for (const auto& item : catalog->items)
            (void)catalog->findItem(item.code);
        (void)catalog->themes();
        (void)catalog->popular(8);
        static const auto* pinyin = kiosk::core::PinyinTable::system().value_or(nullptr);
        const kiosk::core::CatalogSearch search(*catalog, pinyin);
        for (const auto& synonym : catalog->synonyms)
            (void)search.find(synonym.term, 5);
        for (const char* query : {"sb", "shebao", "社保", "s"})
            (void)search.find(query, 5);
    }
    return 0;
}
