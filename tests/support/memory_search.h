// SPDX-License-Identifier: Apache-2.0
// Searches this process's writable memory (heap, anonymous mappings, thread stacks, .data and
// .bss) for personal data left behind, through /proc/self/maps and /proc/self/mem: what the
// privacy tests of issue 14 use to prove that a session's end leaves nothing of a citizen.
//
//     const auto name = test_support::HiddenText("李秀英"); // from a literal: read-only memory
//     ... run a session, end it ...
//     EXPECT_EQ(test_support::findInWritableMemory(name), std::nullopt);
//
// The needle is kept masked (XOR), never in plain form in writable memory, and the search
// reads into a buffer of its own mapping that it skips, so the search never finds itself. Pass
// a literal (in read-only memory): a std::string holding the needle is itself a finding.
//
// scanWritableMemory() searches another process the same way (and several needles in one
// pass): the residual-search program (tests/support/residual_search.cpp) uses it on the
// running kiosk of the demo.walk test.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace test_support {

/// A needle kept masked in memory.
class HiddenText {
public:
    static constexpr std::uint8_t kMask = 0xA5;
    explicit HiddenText(std::string_view text) : masked_(text.size())
    {
        for (std::size_t i = 0; i < text.size(); ++i)
            masked_[i] = static_cast<std::uint8_t>(text[i]) ^ kMask;
    }
    [[nodiscard]] const std::vector<std::uint8_t>& masked() const { return masked_; }

private:
    std::vector<std::uint8_t> masked_;
};

/// Where a needle was found: the mapping's name from /proc/self/maps ("[heap]", "[stack]",
/// "" for anonymous memory, a library's path for its .data) and the address.
struct MemoryFinding {
    std::string mapping;
    std::uintptr_t address = 0;
};

namespace detail {

struct Mapping {
    std::uintptr_t begin = 0;
    std::uintptr_t end = 0;
    std::string name;
};

/// The private writable mappings of process `proc` ("self" or a pid), except the kernel's
/// special ones.
inline std::vector<Mapping> writableMappings(const std::string& proc = "self")
{
    std::vector<Mapping> mappings;
    std::ifstream maps("/proc/" + proc + "/maps");
    std::string line;
    while (std::getline(maps, line)) {
        std::istringstream fields(line);
        std::string range, perms, offset, device, inode, name;
        fields >> range >> perms >> offset >> device >> inode;
        std::getline(fields >> std::ws, name);
        if (perms.size() < 4 || perms[0] != 'r' || perms[1] != 'w' || perms[3] != 'p')
            continue;
        if (name == "[vvar]" || name == "[vsyscall]" || name == "[vdso]")
            continue;
        const auto dash = range.find('-');
        mappings.push_back({std::stoull(range.substr(0, dash), nullptr, 16),
                            std::stoull(range.substr(dash + 1), nullptr, 16), name});
    }
    return mappings;
}

} // namespace detail

/// What one search of a process's writable memory found: for each needle, its first place
/// (or std::nullopt), and how much was searched.
struct MemoryScan {
    std::vector<std::optional<MemoryFinding>> found; ///< one per needle, in order
    std::size_t bytes = 0;                           ///< bytes read and searched
    std::size_t mappings = 0;                        ///< writable mappings searched
    std::string error;                               ///< /proc/PID/mem could not be opened
};

/// Searches the private writable memory (heap, anonymous mappings, stacks, .data and .bss) of
/// process `proc` ("self", or another process's pid: that takes ptrace access to it, as root
/// or its parent has) for every needle at once, through /proc/PROC/maps and /proc/PROC/mem.
/// The process keeps running: search it when it is idle.
[[nodiscard]] inline MemoryScan scanWritableMemory(const std::string& proc,
                                                   const std::vector<const HiddenText*>& needles)
{
    MemoryScan scan;
    scan.found.resize(needles.size());
    std::size_t longest = 1;
    for (const auto* needle : needles)
        longest = std::max(longest, needle->masked().size());
    constexpr std::size_t kChunk = 1 << 20;
    const std::size_t overlap = longest - 1;
    // The buffer is a mapping of its own, skipped below: what it holds is never a finding.
    void* mapped = ::mmap(nullptr, kChunk + overlap, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) {
        scan.error = "mmap failed";
        return scan;
    }
    auto* buffer = static_cast<std::uint8_t*>(mapped);
    const auto bufferBegin = reinterpret_cast<std::uintptr_t>(mapped);
    const int mem = ::open(("/proc/" + proc + "/mem").c_str(), O_RDONLY | O_CLOEXEC);
    if (mem < 0)
        scan.error = "cannot open /proc/" + proc + "/mem: " + std::strerror(errno);
    for (const auto& mapping : detail::writableMappings(proc)) {
        if (mem < 0 || (proc == "self" && mapping.begin == bufferBegin))
            continue;
        ++scan.mappings;
        std::size_t carried = 0; // bytes kept from the previous chunk, for a needle across
        for (std::uintptr_t at = mapping.begin; at < mapping.end;) {
            const std::size_t want = std::min<std::uintptr_t>(kChunk, mapping.end - at);
            const ssize_t got = ::pread(mem, buffer + carried, want, static_cast<off_t>(at));
            if (got <= 0)
                break; // unreadable (a guard page): the rest of this mapping too
            scan.bytes += static_cast<std::size_t>(got);
            // Mask what was read, so the needle appears only in masked form, then compare.
            for (ssize_t i = 0; i < got; ++i)
                buffer[carried + i] ^= HiddenText::kMask;
            const std::size_t filled = carried + static_cast<std::size_t>(got);
            for (std::size_t n = 0; n < needles.size(); ++n) {
                const auto& masked = needles[n]->masked();
                if (scan.found[n] || masked.empty())
                    continue;
                // glibc's memmem (two-way): the search takes well under a second for the
                // kiosk's ~300 MB, where a byte-by-byte loop per needle took seconds.
                const auto* hit = static_cast<const std::uint8_t*>(
                    ::memmem(buffer, filled, masked.data(), masked.size()));
                if (hit != nullptr)
                    scan.found[n] =
                        MemoryFinding{mapping.name, at - carried + std::size_t(hit - buffer)};
            }
            carried = std::min(overlap, filled);
            std::memmove(buffer, buffer + filled - carried, carried);
            at += static_cast<std::uintptr_t>(got);
        }
    }
    if (mem >= 0)
        ::close(mem);
    std::memset(buffer, 0, kChunk + overlap);
    ::munmap(mapped, kChunk + overlap);
    return scan;
}

/// The first place where `needle` is in this process's writable memory, or std::nullopt.
/// Other threads keep running: call it when the code under test is idle.
[[nodiscard]] inline std::optional<MemoryFinding> findInWritableMemory(const HiddenText& needle)
{
    auto scan = scanWritableMemory("self", {&needle});
    if (!scan.error.empty())
        return MemoryFinding{"(" + scan.error + ")", 0};
    return scan.found.front();
}

} // namespace test_support
