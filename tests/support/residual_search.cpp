// SPDX-License-Identifier: Apache-2.0
// residual-search: searches a running process's writable memory for personal data, with the
// same search the in-process privacy tests use (tests/support/memory_search.h). The demo.walk
// test runs it on the kiosk after its sessions (issue 19 part 2).
//
//   residual-search [--expect-found] PID LABEL=HEX...
//
// Each needle is given as hex bytes (the test encodes the values as UTF-8 and UTF-16), so
// the program handles bytes only. Prints one line per needle found (its mapping and address,
// never the value) and a summary line with the bytes searched. Exit 0: none found (or, with
// --expect-found, every one found: the control that shows the search can find); 1: otherwise;
// 2: bad arguments or the memory could not be read (ptrace access: run as root or as the
// process's parent).
#include "tests/support/memory_search.h"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace {

std::optional<std::string> fromHex(const std::string& hex)
{
    if (hex.empty() || hex.size() % 2 != 0)
        return std::nullopt;
    std::string bytes;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        char* end = nullptr;
        const std::string pair = hex.substr(i, 2);
        const long value = std::strtol(pair.c_str(), &end, 16);
        if (end != pair.c_str() + 2)
            return std::nullopt;
        bytes.push_back(static_cast<char>(value));
    }
    return bytes;
}

int usage()
{
    std::fprintf(stderr, "usage: residual-search [--expect-found] PID LABEL=HEX...\n");
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    const bool expectFound = !args.empty() && args.front() == "--expect-found";
    if (expectFound)
        args.erase(args.begin());
    if (args.size() < 2 || args.front().find_first_not_of("0123456789") != std::string::npos)
        return usage();
    const std::string pid = args.front();
    std::vector<std::string> labels;
    std::vector<std::unique_ptr<test_support::HiddenText>> needles;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const auto equals = args[i].find('=');
        const auto bytes =
            equals == std::string::npos ? std::nullopt : fromHex(args[i].substr(equals + 1));
        if (!bytes)
            return usage();
        labels.push_back(args[i].substr(0, equals));
        needles.push_back(std::make_unique<test_support::HiddenText>(*bytes));
    }
    std::vector<const test_support::HiddenText*> pointers;
    for (const auto& needle : needles)
        pointers.push_back(needle.get());

    const auto scan = test_support::scanWritableMemory(pid, pointers);
    if (!scan.error.empty()) {
        std::fprintf(stderr, "residual-search: %s\n", scan.error.c_str());
        return 2;
    }
    std::size_t found = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!scan.found[i]) {
            if (expectFound)
                std::printf("residual-search: %s not found in process %s\n", labels[i].c_str(),
                            pid.c_str());
            continue;
        }
        ++found;
        const auto& where = *scan.found[i];
        std::printf("residual-search: %s in process %s at 0x%zx (%s)\n", labels[i].c_str(),
                    pid.c_str(), static_cast<std::size_t>(where.address),
                    where.mapping.empty() ? "anonymous" : where.mapping.c_str());
    }
    std::printf("residual-search: searched %zu bytes in %zu writable mappings of process %s for "
                "%zu needles: %zu found\n",
                scan.bytes, scan.mappings, pid.c_str(), labels.size(), found);
    return (expectFound ? found == labels.size() : found == 0) ? 0 : 1;
}
