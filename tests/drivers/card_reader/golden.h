// SPDX-License-Identifier: Apache-2.0
// Loads the golden frames of golden/ (hex text, see golden/README.md).
#pragma once

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace golden {

inline std::string path(const std::string& name)
{
    return std::string(GOLDEN_DIR) + "/" + name;
}

inline std::vector<std::uint8_t> load(const std::string& name)
{
    std::ifstream in(path(name));
    std::vector<std::uint8_t> bytes;
    std::string hex;
    while (in >> hex)
        bytes.push_back(static_cast<std::uint8_t>(std::stoul(hex, nullptr, 16)));
    return bytes;
}

} // namespace golden
