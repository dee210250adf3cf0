// SPDX-License-Identifier: Apache-2.0
#include "base/secure_buffer.h"

#include <cstring>

namespace base {

void secureZero(void* data, std::size_t size)
{
    if (data != nullptr && size > 0)
        explicit_bzero(data, size);
}

} // namespace base
