// SPDX-License-Identifier: Apache-2.0
// drivers::receipt_printer::TextCodec: UTF-8 <-> the printer's Chinese code page (iconv).
#pragma once

#include "base/result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drivers::receipt_printer {

/// Converts with glibc's iconv. A character the code page lacks becomes '?', so a receipt
/// always prints; the converter never fails on text.
class TextCodec {
public:
    /// `codePage` is an iconv name: "GB18030", "GBK". An unknown one is an error.
    [[nodiscard]] static base::Result<TextCodec> create(std::string_view codePage);
    TextCodec(TextCodec&& other) noexcept;
    TextCodec& operator=(TextCodec&&) = delete;
    TextCodec(const TextCodec&) = delete;
    ~TextCodec();

    /// UTF-8 to the code page. Invalid UTF-8 and unmappable characters become '?'.
    [[nodiscard]] std::vector<std::uint8_t> encode(std::string_view utf8);
    /// The code page back to UTF-8 (for the renderer); undecodable bytes become U+FFFD.
    [[nodiscard]] std::string decode(std::string_view bytes);

private:
    TextCodec(void* toPrinter, void* fromPrinter) : to_(toPrinter), from_(fromPrinter) {}
    void* to_;   ///< iconv_t UTF-8 -> code page
    void* from_; ///< iconv_t code page -> UTF-8
};

} // namespace drivers::receipt_printer
