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
#pragma once

#include <sys/mman.h>

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

/// The private writable mappings, except the kernel's special ones.
inline std::vector<Mapping> writableMappings()
{
    std::vector<Mapping> mappings;
    std::ifstream maps("/proc/self/maps");
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

/// The first place where `needle` is in this process's writable memory, or std::nullopt.
/// Other threads keep running: call it when the code under test is idle.
[[nodiscard]] inline std::optional<MemoryFinding> findInWritableMemory(const HiddenText& needle)
{
    const auto& masked = needle.masked();
    if (masked.empty())
        return std::nullopt;
    constexpr std::size_t kChunk = 1 << 20;
    const std::size_t overlap = masked.size() - 1;
    // The buffer is a mapping of its own, skipped below: what it holds is never a finding.
    void* mapped = ::mmap(nullptr, kChunk + overlap, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED)
        return MemoryFinding{"(mmap failed)", 0};
    auto* buffer = static_cast<std::uint8_t*>(mapped);
    const auto bufferBegin = reinterpret_cast<std::uintptr_t>(mapped);
    const int mem = ::open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
    std::optional<MemoryFinding> found;
    for (const auto& mapping : detail::writableMappings()) {
        if (mem < 0 || found || mapping.begin == bufferBegin)
            continue;
        std::size_t carried = 0; // bytes kept from the previous chunk, for a needle across
        for (std::uintptr_t at = mapping.begin; at < mapping.end && !found;) {
            const std::size_t want = std::min<std::uintptr_t>(kChunk, mapping.end - at);
            const ssize_t got = ::pread(mem, buffer + carried, want, static_cast<off_t>(at));
            if (got <= 0)
                break; // unreadable (a guard page): the rest of this mapping too
            // Mask what was read, so the needle appears only in masked form, then compare.
            for (ssize_t i = 0; i < got; ++i)
                buffer[carried + i] ^= HiddenText::kMask;
            const std::size_t filled = carried + static_cast<std::size_t>(got);
            for (std::size_t i = 0; i + masked.size() <= filled; ++i)
                if (buffer[i] == masked[0] &&
                    std::memcmp(buffer + i, masked.data(), masked.size()) == 0) {
                    found = MemoryFinding{mapping.name, at - carried + i};
                    break;
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
    return found;
}

} // namespace test_support
