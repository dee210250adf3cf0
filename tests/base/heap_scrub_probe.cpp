// SPDX-License-Identifier: Apache-2.0
// heap_scrub_probe: what heap_scrubbing_test runs as a program of its own (the tunables take
// effect only at process start). It restarts itself with base::restartWithHeapScrubbing()
// unless given --no-restart, copies a needle into heap blocks of several sizes (the sizes a
// name, a form and a page of text take), frees them, and searches its own writable memory.
// Exit status: 0 nothing found, 1 the needle is still in freed memory, 2 the restart failed.
#include "base/heap_scrubbing.h"
#include "tests/support/memory_search.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

namespace {

/// Copies the needle into fresh heap blocks and frees them. noinline: the stack of this frame is
/// gone before the search, and the copies are made through a volatile pointer so the compiler
/// cannot drop the malloc/free pair.
[[gnu::noinline]] void leaveNeedlesInFreedBlocks(const test_support::HiddenText& needle)
{
    const auto& masked = needle.masked();
    std::vector<void*> blocks;
    for (const std::size_t size : {64u, 96u, 480u, 4000u, 100000u}) {
        auto* volatile block = static_cast<unsigned char*>(std::malloc(size));
        if (block == nullptr)
            std::exit(3);
        // At the block's end: free() keeps its list pointers in the first bytes of a block.
        const std::size_t at = size - masked.size();
        for (std::size_t i = 0; i < masked.size(); ++i)
            block[at + i] = masked[i] ^ test_support::HiddenText::kMask;
        blocks.push_back(block);
    }
    for (void* block : blocks)
        std::free(block);
}

} // namespace

int main(int argc, char** argv)
{
    const bool restart = !(argc > 1 && std::string_view(argv[1]) == "--no-restart");
    if (restart) {
        if (auto restarted = base::restartWithHeapScrubbing(argv); !restarted) {
            std::fprintf(stderr, "%s\n", restarted.error().describe().c_str());
            return 2;
        }
    }
    const test_support::HiddenText needle("欧阳明远 350203197707071235");
    leaveNeedlesInFreedBlocks(needle);
    const auto found = test_support::findInWritableMemory(needle);
    if (found)
        std::printf("found in freed memory at %#zx (%s)\n", std::size_t(found->address),
                    found->mapping.c_str());
    else
        std::printf("not found: freed memory was overwritten\n");
    return found ? 1 : 0;
}
