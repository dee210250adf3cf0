// SPDX-License-Identifier: Apache-2.0
#include "drivers/fake/fake_card_reader.h"

#include "hal/id_number.h"

namespace drivers::fake {

void FakeCardReader::present(hal::CardData card)
{
    {
        std::lock_guard lock(mutex_);
        card_ = std::move(card);
        reported_ = false;
    }
    notifyChanged();
}

void FakeCardReader::remove()
{
    std::lock_guard lock(mutex_);
    card_.reset();
    reported_ = false;
}

base::Result<std::optional<hal::CardData>>
FakeCardReader::readCardImpl(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    auto arrived =
        waitUntil(lock, timeout, [&] { return (card_ && !reported_) || failurePending(); });
    if (!arrived)
        return base::fail(arrived.error());
    if (auto failure = takeFailure())
        return base::fail(*failure);
    if (!*arrived)
        return std::optional<hal::CardData>{};
    reported_ = true;
    return std::optional<hal::CardData>{*card_};
}

namespace {
std::string withCheck(const std::string& first17)
{
    return first17 + *hal::idNumberCheckCharacter(first17);
}
} // namespace

std::vector<hal::CardData> sampleCards()
{
    std::vector<hal::CardData> cards(4);
    auto& resident = cards[0];
    resident.type = hal::CardType::Resident;
    resident.name = "李秀英";
    resident.sex = hal::Sex::Female;
    resident.nation = "汉";
    resident.birthDate = "1952-03-08";
    resident.address = "四川省绵阳市涪城区临园路东段58号";
    resident.idNumber = withCheck("51070319520308002");
    resident.issuer = "绵阳市公安局涪城区分局";
    resident.validFrom = "2012-05-20";
    resident.validUntil = "long-term";

    auto& hmt = cards[1];
    hmt.type = hal::CardType::HmtResidence;
    hmt.name = "陈家明";
    hmt.sex = hal::Sex::Male;
    hmt.birthDate = "1988-11-02";
    hmt.address = "四川省绵阳市涪城区长虹大道北段12号";
    hmt.idNumber = withCheck("81000019881102003");
    hmt.issuer = "绵阳市公安局";
    hmt.validFrom = "2023-01-15";
    hmt.validUntil = "2028-01-15";

    auto& foreign2017 = cards[2];
    foreign2017.type = hal::CardType::ForeignPermanent2017;
    foreign2017.name = "安娜";
    foreign2017.nameEn = "MUELLER, ANNA";
    foreign2017.sex = hal::Sex::Female;
    foreign2017.birthDate = "1979-06-21";
    foreign2017.idNumber = "DEU510079062100";
    foreign2017.issuer = "公安部";
    foreign2017.validFrom = "2019-04-01";
    foreign2017.validUntil = "2029-04-01";

    auto& foreign2023 = cards[3];
    foreign2023.type = hal::CardType::ForeignPermanent2023;
    foreign2023.name = "马丁";
    foreign2023.nameEn = "GARCIA LOPEZ, MARTIN";
    foreign2023.sex = hal::Sex::Male;
    foreign2023.birthDate = "1990-09-30";
    foreign2023.idNumber = withCheck("93451019900930001");
    foreign2023.issuer = "国家移民管理局";
    foreign2023.validFrom = "2024-02-10";
    foreign2023.validUntil = "2034-02-10";
    return cards;
}

} // namespace drivers::fake
