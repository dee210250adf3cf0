// SPDX-License-Identifier: Apache-2.0
// hal::JpegPhoto, the still a document camera returns: personal data that has one owner.
#include "hal/document_camera.h"

#include <gtest/gtest.h>

#include <type_traits>

namespace {

hal::JpegPhoto samplePhoto()
{
    return hal::JpegPhoto({0xFF, 0xD8, 0x01, 0x02, 0xFF, 0xD9}, 640, 480);
}

TEST(JpegPhoto, IsMoveOnlySoNoCopyOutlivesIt)
{
    EXPECT_FALSE(std::is_copy_constructible_v<hal::JpegPhoto>);
    EXPECT_FALSE(std::is_copy_assignable_v<hal::JpegPhoto>);
    EXPECT_TRUE(std::is_nothrow_move_constructible_v<hal::JpegPhoto>);
}

TEST(JpegPhoto, MovingLeavesTheSourceEmpty)
{
    auto photo = samplePhoto();
    hal::JpegPhoto moved(std::move(photo));
    EXPECT_EQ(moved.bytes().size(), 6u);
    EXPECT_EQ(moved.width(), 640);
    EXPECT_EQ(moved.height(), 480);
    EXPECT_TRUE(photo.empty()); // NOLINT(bugprone-use-after-move): what is checked
    EXPECT_EQ(photo.width(), 0);

    hal::JpegPhoto assigned = samplePhoto();
    assigned = std::move(moved);
    EXPECT_EQ(assigned.bytes().size(), 6u);
    EXPECT_TRUE(moved.empty()); // NOLINT(bugprone-use-after-move)
}

TEST(JpegPhoto, WipeEmptiesIt)
{
    auto photo = samplePhoto();
    photo.wipe();
    EXPECT_TRUE(photo.empty());
    EXPECT_EQ(photo.bytes().capacity(), 0u) << "the zeroed buffer is given back";
    EXPECT_EQ(photo.width(), 0);
    EXPECT_EQ(photo.height(), 0);
}

TEST(JpegPhoto, TakeBytesHandsTheBufferOverWithoutACopy)
{
    auto photo = samplePhoto();
    const auto* buffer = photo.bytes().data();
    auto bytes = photo.takeBytes();
    EXPECT_EQ(bytes.data(), buffer) << "the same buffer, not a copy left behind";
    EXPECT_EQ(bytes.size(), 6u);
    EXPECT_TRUE(photo.empty());
    EXPECT_EQ(photo.width(), 0);
}

TEST(DocumentCamera, ItsClassIsNamedAsTheConfigurationKey)
{
    EXPECT_EQ(hal::toString(hal::DeviceClass::DocumentCamera), "document_camera");
}

} // namespace
