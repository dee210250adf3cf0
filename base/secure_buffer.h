// SPDX-License-Identifier: Apache-2.0
// Zeroing of memory that held personal data, in a way the optimiser cannot drop.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace base {

/// Overwrites `size` bytes at `data` with zeros (explicit_bzero: never optimised away).
void secureZero(void* data, std::size_t size);

inline void secureZero(std::string& text)
{
    secureZero(text.data(), text.size());
    text.clear();
}

template <class T> void secureZero(std::vector<T>& bytes)
{
    secureZero(bytes.data(), bytes.size() * sizeof(T));
    bytes.clear();
}

} // namespace base
