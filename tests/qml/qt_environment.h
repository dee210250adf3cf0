// SPDX-License-Identifier: Apache-2.0
// QtEnvironment: the QGuiApplication of a GoogleTest program that shows QML, created only when
// tests run (listing them needs no display), offscreen unless QT_QPA_PLATFORM says otherwise,
// with the Chinese font the screens are drawn for.
#pragma once

#include "qml/fonts.h"

#include <gtest/gtest.h>

#include <QAccessible>
#include <QGuiApplication>

#include <memory>
#include <string>

namespace test_support {

class QtEnvironment : public ::testing::Environment {
public:
    struct Options {
        std::string programName;
        /// Qt's accessibility on, for tests that read the tree a screen reader gets.
        bool accessibility = false;
        /// Installed before the application exists (tests that fail on Qt's warnings).
        QtMessageHandler messageHandler = nullptr;
    };

    explicit QtEnvironment(Options options) : options_(std::move(options))
    {
        argv_[0] = options_.programName.data();
    }

    void SetUp() override
    {
        if (options_.messageHandler != nullptr)
            qInstallMessageHandler(options_.messageHandler);
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app_ = std::make_unique<QGuiApplication>(argc_, argv_);
        ASSERT_TRUE(kiosk::ui::useChineseFont()) << "fonts-wqy-microhei is not installed";
        if (options_.accessibility)
            QAccessible::setActive(true);
    }
    void TearDown() override { app_.reset(); }

private:
    Options options_;
    int argc_ = 1;
    char* argv_[2] = {nullptr, nullptr};
    std::unique_ptr<QGuiApplication> app_;
};

} // namespace test_support
