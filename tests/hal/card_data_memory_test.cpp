// SPDX-License-Identifier: Apache-2.0
// test_support::findInWritableMemory (tests/support/memory_search.h), and hal::CardData with it:
// personal data left in the heap is found, a wiped card is not; a literal (read-only memory) and
// the search itself are never findings. scanWritableMemory searches another process (the
// running kiosk in demo.walk) the same way.
#include "hal/card_reader.h"
#include "tests/support/memory_search.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

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

TEST(MemorySearch, AnotherProcessIsSearchedThroughItsPid)
{
    const test_support::HiddenText planted("MEMSEARCH-CHILD-13912345678");
    const test_support::HiddenText absent("MEMSEARCH-NEVER-13912345678");
    int ready[2];
    int done[2];
    ASSERT_EQ(::pipe(ready), 0);
    ASSERT_EQ(::pipe(done), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) { // plants the value in its heap, says so, and waits to be searched
        const auto value = std::make_unique<std::string>("MEMSEARCH-CHILD-13912345678");
        char byte = value->empty() ? '0' : '1';
        (void)!::write(ready[1], &byte, 1);
        (void)!::read(done[0], &byte, 1);
        ::_exit(0);
    }
    char byte = 0;
    ASSERT_EQ(::read(ready[0], &byte, 1), 1);
    const auto scan = test_support::scanWritableMemory(std::to_string(child), {&planted, &absent});
    (void)!::write(done[1], &byte, 1);
    int status = 0;
    ::waitpid(child, &status, 0);
    for (const int fd : {ready[0], ready[1], done[0], done[1]})
        ::close(fd);

    EXPECT_EQ(scan.error, "");
    EXPECT_GT(scan.bytes, 0U);
    ASSERT_EQ(scan.found.size(), 2U);
    ASSERT_TRUE(scan.found[0]) << "the value the child holds";
    EXPECT_EQ(scan.found[0]->mapping, "[heap]");
    EXPECT_EQ(scan.found[1], std::nullopt);
}

} // namespace
