// SPDX-License-Identifier: Apache-2.0
// iconv one character at a time where a conversion fails, so one bad character costs one '?'.
#include "drivers/receipt_printer/text_codec.h"

#include "base/utf8.h"

#include <cerrno>
#include <iconv.h>

namespace drivers::receipt_printer {

namespace {

iconv_t handle(void* h)
{
    return static_cast<iconv_t>(h);
}

/// Converts `in` through `cd`, replacing each unconvertible input unit (of `unit(byte)` bytes)
/// by `replacement`.
template <class Unit>
std::string convert(iconv_t cd, std::string_view in, std::string_view replacement, Unit unit)
{
    std::string out;
    out.resize(in.size() * 4 + 16);
    char* src = const_cast<char*>(in.data());
    std::size_t srcLeft = in.size();
    char* dst = out.data();
    std::size_t dstLeft = out.size();
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    while (srcLeft > 0) {
        if (iconv(cd, &src, &srcLeft, &dst, &dstLeft) != static_cast<std::size_t>(-1))
            break;
        if (errno == E2BIG) { // cannot happen with 4x room; stop rather than loop
            break;
        }
        // EILSEQ or EINVAL: skip one unit of input and write the replacement.
        const std::size_t skip = std::min(srcLeft, unit(static_cast<unsigned char>(*src)));
        src += skip;
        srcLeft -= skip;
        const std::size_t used = static_cast<std::size_t>(dst - out.data());
        out.resize(used);
        out += replacement;
        out.resize(used + replacement.size() + srcLeft * 4 + 16);
        dst = out.data() + used + replacement.size();
        dstLeft = out.size() - used - replacement.size();
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
    out.resize(static_cast<std::size_t>(dst - out.data()));
    return out;
}

/// Length of a GB18030 character from its lead byte (and the next byte for 4-byte forms).
std::size_t gbUnit(unsigned char lead)
{
    return lead < 0x80 ? 1 : 2;
}

} // namespace

base::Result<TextCodec> TextCodec::create(std::string_view codePage)
{
    const std::string name(codePage);
    iconv_t to = iconv_open(name.c_str(), "UTF-8");
    if (to == reinterpret_cast<iconv_t>(-1))
        return base::fail(base::errc::unsupported, "iconv does not know code page " + name);
    iconv_t from = iconv_open("UTF-8", name.c_str());
    if (from == reinterpret_cast<iconv_t>(-1)) {
        iconv_close(to);
        return base::fail(base::errc::unsupported, "iconv does not know code page " + name);
    }
    return TextCodec(to, from);
}

TextCodec::TextCodec(TextCodec&& other) noexcept : to_(other.to_), from_(other.from_)
{
    other.to_ = nullptr;
    other.from_ = nullptr;
}

TextCodec::~TextCodec()
{
    if (to_ != nullptr)
        iconv_close(handle(to_));
    if (from_ != nullptr)
        iconv_close(handle(from_));
}

std::vector<std::uint8_t> TextCodec::encode(std::string_view utf8)
{
    const auto text = convert(handle(to_), utf8, "?", base::utf8::sequenceLength);
    return {text.begin(), text.end()};
}

std::string TextCodec::decode(std::string_view bytes)
{
    return convert(handle(from_), bytes, "\xEF\xBF\xBD", gbUnit);
}

} // namespace drivers::receipt_printer
