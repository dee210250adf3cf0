// SPDX-License-Identifier: Apache-2.0
// main() of the test programs that search their own memory for personal data: restarted once
// with the kiosk's heap scrubbing, like the kiosk itself (kiosk/app/main.cpp). Without it a
// freed block that held an ID number (a JSON library's temporary, say) stays readable until the
// allocator reuses it, and whether it did by the time of the search depends on the run: in the
// kiosk, free() overwrites it at once.
#include "base/heap_scrubbing.h"

#include <gtest/gtest.h>

#include <cstdio>

int main(int argc, char** argv)
{
    if (auto scrubbed = base::restartWithHeapScrubbing(argv); !scrubbed)
        std::fprintf(stderr, "%s\n", scrubbed.error().describe().c_str());
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
