// SPDX-License-Identifier: Apache-2.0
// The photo decoder plug-in interface: loading by path, refusing what is not a plug-in, and
// the driver handing out a decoded image only when one is configured.
#include "drivers/card_reader/photo/photo_decoder.h"
#include "drivers/card_reader/sam_card_reader.h"
#include "drivers/card_reader/serial/serial_link.h"
#include "drivers/fake/fake_card_reader.h"
#include "tests/support/idcard_sim/pty_reader_sim.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using drivers::card_reader::PhotoDecoder;

TEST(PhotoDecoder, LoadsAPluginAndDecodesToABmp)
{
    auto decoder = PhotoDecoder::load(TEST_PHOTO_DECODER);
    ASSERT_TRUE(decoder) << decoder.error().message;
    const std::vector<std::uint8_t> wlt(1024, 0x57);
    auto bmp = (*decoder)->decode(wlt);
    ASSERT_TRUE(bmp) << bmp.error().message;
    ASSERT_GT(bmp->size(), 54u);
    EXPECT_EQ((*bmp)[0], 'B');
    EXPECT_EQ((*bmp)[1], 'M');
    EXPECT_EQ(bmp->size(), 54u + 308u * 126u) << "102 pixels x 3 bytes, rows padded to 4";
    EXPECT_FALSE((*decoder)->decode(std::vector<std::uint8_t>(10, 0))) << "refused input";
}

TEST(PhotoDecoder, RefusesMissingFilesAndForeignLibraries)
{
    auto missing = PhotoDecoder::load("/nonexistent/libwlt.so");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, base::errc::not_found);
    auto wrong = PhotoDecoder::load(WRONG_PHOTO_DECODER);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, base::errc::unsupported);
}

TEST(PhotoDecoder, TheDriverDecodesOnlyWithAConfiguredPlugin)
{
    test_support::TempDir dir;
    test_support::PtyReaderSimulator sim(dir.path() / "tty");
    sim.device().present(drivers::fake::sampleCards()[0]);
    const std::string path = sim.path();
    auto read = [&](std::shared_ptr<PhotoDecoder> decoder) {
        drivers::card_reader::SamReaderOptions options;
        options.pollInterval = 30ms;
        options.photoDecoder = std::move(decoder);
        drivers::card_reader::SamCardReader reader(
            "serial", [path] { return drivers::card_reader::SerialLink::open(path); }, options);
        EXPECT_TRUE(reader.open());
        auto card = reader.readCard(2s);
        EXPECT_TRUE(card && *card);
        return card && *card ? (*card)->photo : std::vector<std::uint8_t>{};
    };
    const auto opaque = read(nullptr);
    EXPECT_EQ(opaque.size(), 1024u) << "no plug-in: the WLT bytes stay opaque";
    const auto decoded = read(*PhotoDecoder::load(TEST_PHOTO_DECODER));
    ASSERT_GT(decoded.size(), 2u);
    EXPECT_EQ(decoded[0], 'B');
}
