// SPDX-License-Identifier: Apache-2.0
#include "tests/support/idcard_sim/sam_device.h"

#include <algorithm>
#include <string>

namespace test_support {

namespace {

constexpr std::uint8_t preamble[5] = {0xAA, 0xAA, 0xAA, 0x96, 0x69};

// GB/T 3304 names in code order 01..56, as the spec lists them.
constexpr const char* nations[] = {
    "汉",     "蒙古",   "回",       "藏",     "维吾尔",   "苗",   "彝",     "壮",
    "布依",   "朝鲜",   "满",       "侗",     "瑶",       "白",   "土家",   "哈尼",
    "哈萨克", "傣",     "黎",       "傈僳",   "佤",       "畲",   "高山",   "拉祜",
    "水",     "东乡",   "纳西",     "景颇",   "柯尔克孜", "土",   "达斡尔", "仫佬",
    "羌",     "布朗",   "撒拉",     "毛南",   "仡佬",     "锡伯", "阿昌",   "普米",
    "塔吉克", "怒",     "乌孜别克", "俄罗斯", "鄂温克",   "德昂", "保安",   "裕固",
    "京",     "塔塔尔", "独龙",     "鄂伦春", "赫哲",     "门巴", "珞巴",   "基诺"};

std::string nationCode(const std::string& name)
{
    for (int i = 0; i < 56; ++i)
        if (name == nations[i])
            return (i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
    return name.empty() ? "" : "97";
}

/// UTF-8 -> UTF-16 code units (surrogate pairs above the BMP).
std::u16string utf16(const std::string& text)
{
    std::u16string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        char32_t code = c;
        std::size_t length = 1;
        if (c >= 0xF0) {
            code = c & 0x07;
            length = 4;
        } else if (c >= 0xE0) {
            code = c & 0x0F;
            length = 3;
        } else if (c >= 0xC0) {
            code = c & 0x1F;
            length = 2;
        }
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        i += length;
        if (code >= 0x10000) {
            code -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (code >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (code & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(code));
        }
    }
    return out;
}

/// Writes `text` at byte `offset` into a field of `size` bytes (already space padded).
void put(std::array<std::uint8_t, 256>& block, std::size_t offset, std::size_t size,
         const std::string& text)
{
    const auto units = utf16(text);
    for (std::size_t i = 0; i < units.size() && 2 * i + 1 < size; ++i) {
        block[offset + 2 * i] = static_cast<std::uint8_t>(units[i] & 0xFF);
        block[offset + 2 * i + 1] = static_cast<std::uint8_t>(units[i] >> 8);
    }
}

std::string compact(const std::string& date)
{
    if (date == "long-term")
        return "长期";
    std::string out;
    for (const char c : date)
        if (c != '-')
            out.push_back(c);
    return out;
}

std::string sexCode(hal::Sex sex)
{
    switch (sex) {
    case hal::Sex::Male:
        return "1";
    case hal::Sex::Female:
        return "2";
    case hal::Sex::Unstated:
        return "9";
    case hal::Sex::Unknown:
        break;
    }
    return "0";
}

void putBigEndian(std::vector<std::uint8_t>& out, std::size_t value)
{
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

} // namespace

std::array<std::uint8_t, 256> encodeTextBlock(const hal::CardData& card)
{
    std::array<std::uint8_t, 256> block{};
    for (std::size_t i = 0; i < block.size(); i += 2) {
        block[i] = 0x20;
        block[i + 1] = 0x00;
    }
    switch (card.type) {
    case hal::CardType::Resident:
    case hal::CardType::HmtResidence:
        put(block, 0, 30, card.name);
        put(block, 30, 2, sexCode(card.sex));
        if (card.type == hal::CardType::Resident)
            put(block, 32, 4, nationCode(card.nation));
        put(block, 36, 16, compact(card.birthDate));
        put(block, 52, 70, card.address);
        put(block, 122, 36, card.idNumber);
        put(block, 158, 30, card.issuer);
        put(block, 188, 16, compact(card.validFrom));
        put(block, 204, 16, compact(card.validUntil));
        if (card.type == hal::CardType::HmtResidence) {
            put(block, 220, 18, "H01234567");
            put(block, 238, 4, "01");
            put(block, 248, 2, "J");
        }
        break;
    case hal::CardType::ForeignPermanent2017:
        put(block, 0, 120, card.nameEn);
        put(block, 120, 2, sexCode(card.sex));
        put(block, 122, 30, card.idNumber);
        put(block, 152, 6, card.idNumber.substr(0, 3));
        put(block, 158, 30, card.name);
        put(block, 188, 16, compact(card.validFrom));
        put(block, 204, 16, compact(card.validUntil));
        put(block, 220, 16, compact(card.birthDate));
        put(block, 236, 4, "01");
        put(block, 240, 8, "1100");
        put(block, 248, 2, "I");
        break;
    case hal::CardType::ForeignPermanent2023: {
        put(block, 0, 30, card.name);
        put(block, 30, 2, sexCode(card.sex));
        put(block, 32, 4, "00");
        put(block, 36, 16, compact(card.birthDate));
        // 35 characters in part 1, the rest (up to 11) in part 2.
        std::string part1, part2;
        std::size_t units = 0;
        for (std::size_t i = 0; i < card.nameEn.size(); ++i) {
            const auto c = static_cast<unsigned char>(card.nameEn[i]);
            if ((c & 0xC0) != 0x80)
                ++units;
            (units <= 35 ? part1 : part2).push_back(card.nameEn[i]);
        }
        put(block, 52, 70, part1);
        put(block, 220, 22, part2);
        put(block, 122, 36, card.idNumber);
        put(block, 188, 16, compact(card.validFrom));
        put(block, 204, 16, compact(card.validUntil));
        put(block, 242, 6, "ESP");
        put(block, 248, 2, "Y");
        break;
    }
    }
    return block;
}

std::vector<std::uint8_t> responseFrame(std::uint8_t sw3, std::span<const std::uint8_t> data)
{
    std::vector<std::uint8_t> frame(preamble, preamble + 5);
    putBigEndian(frame, data.size() + 4);
    frame.push_back(0x00);
    frame.push_back(0x00);
    frame.push_back(sw3);
    frame.insert(frame.end(), data.begin(), data.end());
    std::uint8_t check = 0;
    for (std::size_t i = 5; i < frame.size(); ++i)
        check ^= frame[i];
    frame.push_back(check);
    return frame;
}

std::vector<std::uint8_t> readData(const hal::CardData& card, std::size_t fingerprint)
{
    const auto text = encodeTextBlock(card);
    std::vector<std::uint8_t> data;
    putBigEndian(data, text.size());
    putBigEndian(data, 1024);
    if (fingerprint > 0)
        putBigEndian(data, fingerprint);
    data.insert(data.end(), text.begin(), text.end());
    for (std::size_t i = 0; i < 1024; ++i) // stands for WLT: opaque bytes
        data.push_back(static_cast<std::uint8_t>(0x57 ^ (i * 7)));
    for (std::size_t i = 0; i < fingerprint; ++i)
        data.push_back(static_cast<std::uint8_t>(0x46 ^ i));
    return data;
}

SamDevice::SamDevice() = default;

void SamDevice::receive(std::span<const std::uint8_t> bytes)
{
    std::lock_guard lock(mutex_);
    input_.insert(input_.end(), bytes.begin(), bytes.end());
    for (;;) {
        const auto start = std::search(input_.begin(), input_.end(), preamble, preamble + 5);
        input_.erase(input_.begin(), start);
        if (input_.size() < 7)
            return;
        const std::size_t length = (std::size_t{input_[5]} << 8) | input_[6];
        if (length < 3 || length > 4096) {
            input_.erase(input_.begin());
            ++badHostFrames_;
            answer(0x11);
            continue;
        }
        if (input_.size() < 7 + length)
            return;
        std::uint8_t check = 0;
        for (std::size_t i = 5; i < 6 + length; ++i)
            check ^= input_[i];
        const auto command = static_cast<std::uint16_t>((input_[7] << 8) | input_[8]);
        const bool good = check == input_[6 + length];
        input_.erase(input_.begin(), input_.begin() + static_cast<std::ptrdiff_t>(7 + length));
        if (!good) {
            ++badHostFrames_;
            answer(0x10);
            continue;
        }
        handle(command);
    }
}

void SamDevice::handle(std::uint16_t command)
{
    ++seen_[command];
    if (silent_ || (hook_ && !hook_(command)))
        return;
    if (auto& queue = nextFailures_[command]; !queue.empty()) {
        const auto sw3 = queue.front();
        queue.pop_front();
        return answer(sw3);
    }
    if (const auto always = alwaysFailures_.find(command); always != alwaysFailures_.end())
        return answer(always->second);
    switch (command) {
    case 0x10FF:
    case 0x11FF:
        return answer(0x90);
    case 0x12FF:
        return answer(0x90, samIdBytes);
    case 0x2001: {
        if (!card_) {
            ++emptyFinds_;
            return answer(0x80);
        }
        const std::uint8_t found[4] = {0, 0, 0, 0};
        return answer(0x9F, found);
    }
    case 0x2002: {
        if (!card_)
            return answer(0x81);
        const std::uint8_t selected[8] = {};
        return answer(0x90, selected);
    }
    case 0x3001:
    case 0x3010:
        if (!card_)
            return answer(0x41);
        return answer(0x90, readData(*card_, command == 0x3010 ? fingerprint_ : 0));
    case 0x3003: {
        if (!card_ || appendedAddress_.empty())
            return answer(0x91);
        std::array<std::uint8_t, 256> block{};
        for (std::size_t i = 0; i < block.size(); i += 2)
            block[i] = 0x20;
        put(block, 0, 70, appendedAddress_);
        return answer(0x90, std::span(block).first(70));
    }
    default:
        return answer(0x21);
    }
}

void SamDevice::answer(std::uint8_t sw3, std::span<const std::uint8_t> data)
{
    output_.insert(output_.end(), inject_.begin(), inject_.end());
    inject_.clear();
    const auto frame = responseFrame(sw3, data);
    output_.insert(output_.end(), frame.begin(), frame.end());
}

std::vector<std::uint8_t> SamDevice::takeOutput()
{
    std::lock_guard lock(mutex_);
    return std::exchange(output_, {});
}

bool SamDevice::hasOutput() const
{
    std::lock_guard lock(mutex_);
    return !output_.empty();
}

void SamDevice::present(hal::CardData card, std::string appendedAddress)
{
    std::lock_guard lock(mutex_);
    card_ = std::move(card);
    appendedAddress_ = std::move(appendedAddress);
}

void SamDevice::remove()
{
    std::lock_guard lock(mutex_);
    card_.reset();
    appendedAddress_.clear();
}

void SamDevice::failNext(std::uint16_t command, std::uint8_t sw3)
{
    std::lock_guard lock(mutex_);
    nextFailures_[command].push_back(sw3);
}

void SamDevice::failAlways(std::uint16_t command, std::uint8_t sw3)
{
    std::lock_guard lock(mutex_);
    alwaysFailures_[command] = sw3;
}

void SamDevice::clearFailure(std::uint16_t command)
{
    std::lock_guard lock(mutex_);
    alwaysFailures_.erase(command);
    nextFailures_.erase(command);
}

void SamDevice::injectBeforeNextAnswer(std::vector<std::uint8_t> bytes)
{
    std::lock_guard lock(mutex_);
    inject_ = std::move(bytes);
}

void SamDevice::setCommandHook(std::function<bool(std::uint16_t)> hook)
{
    std::lock_guard lock(mutex_);
    hook_ = std::move(hook);
}

void SamDevice::setSilent(bool silent)
{
    std::lock_guard lock(mutex_);
    silent_ = silent;
}

void SamDevice::setFingerprintSize(std::size_t size)
{
    std::lock_guard lock(mutex_);
    fingerprint_ = size;
}

std::size_t SamDevice::emptyFinds() const
{
    std::lock_guard lock(mutex_);
    return emptyFinds_;
}

std::size_t SamDevice::badHostFrames() const
{
    std::lock_guard lock(mutex_);
    return badHostFrames_;
}

std::size_t SamDevice::commandsSeen(std::uint16_t command) const
{
    std::lock_guard lock(mutex_);
    const auto it = seen_.find(command);
    return it == seen_.end() ? 0 : it->second;
}

} // namespace test_support
