// SPDX-License-Identifier: Apache-2.0
// test_support::findInWritableMemory (tests/support/memory_search.h), and hal::CardData with it:
// personal data left in the heap is found, a wiped card is not; a literal (read-only memory) and
// the search itself are never findings.
#include "hal/card_reader.h"
#include "tests/support/memory_search.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace {

TEST(MemorySearch, AStringLeftInTheHeapIsFoundAndAWipedOneIsNot)
{
    const test_support::HiddenText needle("MEMSEARCH-李秀英-11010519491231002X");
    EXPECT_EQ(test_support::findInWritableMemory(needle), std::nullopt)
        << "a literal lives in read-only memory, and the needle is kept masked";

    auto planted = std::make_unique<std::string>("MEMSEARCH-李秀英-11010519491231002X");
    const auto found = test_support::findInWritableMemory(needle);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->address, reinterpret_cast<std::uintptr_t>(planted->data()));

    std::fill(planted->begin(), planted->end(), '\0');
    planted.reset();
    EXPECT_EQ(test_support::findInWritableMemory(needle), std::nullopt);
}

TEST(MemorySearch, ACardsDataIsGoneAfterItsWipe)
{
    const test_support::HiddenText number("MEMSEARCH-51070319520308002X");
    {
        hal::CardData card;
        card.idNumber = "MEMSEARCH-51070319520308002X"; // longer than SSO: on the heap
        ASSERT_TRUE(test_support::findInWritableMemory(number));
    } // the destructor wipes
    EXPECT_EQ(test_support::findInWritableMemory(number), std::nullopt);
}

} // namespace
