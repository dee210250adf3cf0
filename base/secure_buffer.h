// SPDX-License-Identifier: Apache-2.0
// Zeroing of memory that held personal data, in a way the optimiser cannot drop.
#pragma once

#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

namespace base {

/// Overwrites `size` bytes at `data` with zeros (explicit_bzero: never optimised away).
void secureZero(void* data, std::size_t size);

/// Zeroes the whole buffer, not only the characters in use: a string moved from or shortened
/// keeps the old characters in its small inline buffer or past its end.
inline void secureZero(std::string& text)
{
    secureZero(text.data(), text.capacity());
    text.clear();
}

template <class T> void secureZero(std::vector<T>& bytes)
{
    static_assert(std::is_trivially_copyable_v<T>, "zeroes bytes, not objects");
    secureZero(bytes.data(), bytes.capacity() * sizeof(T));
    bytes.clear();
}

} // namespace base
