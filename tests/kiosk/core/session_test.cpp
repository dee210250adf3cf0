// SPDX-License-Identifier: Apache-2.0
// Tests of the session state machine: the table, refusals, and wiping personal data.
#include "drivers/fake/fake_card_reader.h"
#include "kiosk/core/session.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

using kiosk::core::Session;
using kiosk::core::SessionErrc;
using kiosk::core::SessionEvent;
using kiosk::core::SessionState;

namespace {
void walk(Session& session, std::initializer_list<SessionEvent> events)
{
    for (auto event : events)
        ASSERT_TRUE(session.handle(event)) << kiosk::core::toString(event);
}
} // namespace

TEST(Session, HappyPathReachesFinished)
{
    Session session;
    walk(session, {SessionEvent::ChooseItem, SessionEvent::StartApplying, SessionEvent::Identified,
                   SessionEvent::FormCompleted, SessionEvent::Confirmed,
                   SessionEvent::ReceiptPrinted, SessionEvent::Rated});
    EXPECT_EQ(session.state(), SessionState::Finished);
}

TEST(Session, EventNotInTableIsRefusedAndChangesNothing)
{
    Session session;
    auto result = session.handle(SessionEvent::Confirmed);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, SessionErrc::invalid_transition);
    EXPECT_NE(result.error().message.find("'confirmed'"), std::string::npos);
    EXPECT_EQ(session.state(), SessionState::Idle);
}

TEST(Session, SubmittedCaseCannotBeTakenBack)
{
    Session session;
    walk(session, {SessionEvent::ChooseItem, SessionEvent::StartApplying, SessionEvent::Identified,
                   SessionEvent::FormCompleted, SessionEvent::Confirmed});
    EXPECT_FALSE(session.handle(SessionEvent::Back));
    EXPECT_EQ(session.state(), SessionState::Submitted);
}

/// The events that lead from Idle to `target` along the table (breadth-first).
std::vector<SessionEvent> pathTo(SessionState target)
{
    std::map<SessionState, std::vector<SessionEvent>> paths{{SessionState::Idle, {}}};
    std::vector<SessionState> frontier{SessionState::Idle};
    while (!frontier.empty() && !paths.contains(target)) {
        std::vector<SessionState> next;
        for (auto state : frontier)
            for (const auto& t : kiosk::core::sessionTransitions())
                if (t.from == state && !paths.contains(t.to)) {
                    paths[t.to] = paths[state];
                    paths[t.to].push_back(t.event);
                    next.push_back(t.to);
                }
        frontier = next;
    }
    return paths.at(target);
}

TEST(Session, EndFromEveryStateWipesPersonalDataAndGoesIdle)
{
    for (auto state :
         {SessionState::Idle, SessionState::Searching, SessionState::Browsing,
          SessionState::Identifying, SessionState::EnteringIdentity, SessionState::FillingForm,
          SessionState::Photographing, SessionState::Confirming, SessionState::Submitted,
          SessionState::Rating, SessionState::Finished, SessionState::LookingUp,
          SessionState::PrintingDocument, SessionState::ReceiptShown}) {
        Session session;
        session.setCard(drivers::fake::sampleCards().front());
        session.setFormValue("phone", "13800000000");
        session.setItemCode("x");
        session.setPhoto("居民身份证", hal::JpegPhoto({0xFF, 0xD8, 0xFF, 0xD9}, 1, 1));
        for (auto event : pathTo(state))
            ASSERT_TRUE(session.handle(event));
        ASSERT_EQ(session.state(), state);
        ASSERT_TRUE(session.handle(SessionEvent::End));
        EXPECT_EQ(session.state(), SessionState::Idle);
        EXPECT_FALSE(session.card().has_value());
        EXPECT_TRUE(session.form().empty());
        EXPECT_TRUE(session.itemCode().empty());
        EXPECT_TRUE(session.photos().empty());
    }
}

TEST(Session, EveryStateIsReachableAndEveryNonIdleStateCanMoveOn)
{
    std::set<SessionState> reached{SessionState::Idle};
    std::set<SessionState> leaves;
    for (const auto& t : kiosk::core::sessionTransitions()) {
        reached.insert(t.to);
        if (t.to != t.from)
            leaves.insert(t.from);
    }
    EXPECT_EQ(reached.size(), 14u) << "every state appears in the table";
    EXPECT_EQ(leaves.size(), 13u) << "only Finished is left by End alone";
}

TEST(Session, TheMaterialsStepSitsBetweenTheFormAndTheConfirmationBothWays)
{
    Session session;
    walk(session, {SessionEvent::ChooseItem, SessionEvent::StartApplying, SessionEvent::Identified,
                   SessionEvent::TakePhotos});
    EXPECT_EQ(session.state(), SessionState::Photographing);
    EXPECT_FALSE(session.handle(SessionEvent::Confirmed)) << "confirmed only from the confirmation";
    walk(session, {SessionEvent::Back});
    EXPECT_EQ(session.state(), SessionState::FillingForm);
    walk(session, {SessionEvent::TakePhotos, SessionEvent::MaterialsDone});
    EXPECT_EQ(session.state(), SessionState::Confirming);
    walk(session, {SessionEvent::TakePhotos});
    EXPECT_EQ(session.state(), SessionState::Photographing) << "back from the confirmation";
}

TEST(Session, APhotoReplacedOrRemovedIsGoneFromTheSession)
{
    Session session;
    session.setPhoto("居民户口簿", hal::JpegPhoto({0xFF, 0xD8, 0x01, 0xFF, 0xD9}, 1, 1));
    session.setPhoto("居民户口簿", hal::JpegPhoto({0xFF, 0xD8, 0x02, 0xFF, 0xD9}, 1, 1));
    ASSERT_EQ(session.photos().size(), 1u);
    EXPECT_EQ(session.photos().at("居民户口簿").bytes()[2], 0x02);
    session.removePhoto("居民户口簿");
    EXPECT_TRUE(session.photos().empty());
}

TEST(Session, ProgressLookupAndCertificateFollowIdentificationAndGoBackToTheGuide)
{
    EXPECT_EQ(
        pathTo(SessionState::LookingUp),
        (std::vector{SessionEvent::ChooseItem, SessionEvent::StartApplying, SessionEvent::LookUp}));
    EXPECT_EQ(pathTo(SessionState::PrintingDocument),
              (std::vector{SessionEvent::ChooseItem, SessionEvent::StartApplying,
                           SessionEvent::PrintDocument}));
    for (auto event : {SessionEvent::LookUp, SessionEvent::PrintDocument}) {
        Session session;
        walk(session, {SessionEvent::ChooseItem, SessionEvent::StartApplying,
                       SessionEvent::EnterManually, event});
        EXPECT_FALSE(session.handle(SessionEvent::FormCompleted)) << "no form on these screens";
        walk(session, {SessionEvent::Back});
        EXPECT_EQ(session.state(), SessionState::Browsing);
    }
    Session session;
    EXPECT_FALSE(session.handle(SessionEvent::LookUp)) << "identification comes first";
}

TEST(Session, AReceiptScannedOnAnIdleScreenShowsItsCaseAndMayLeadToItsRating)
{
    EXPECT_EQ(pathTo(SessionState::ReceiptShown), (std::vector{SessionEvent::ScanReceipt}))
        << "straight from the home screen, no identification";
    for (const auto& start : {std::vector<SessionEvent>{}, std::vector{SessionEvent::OpenSearch},
                              std::vector{SessionEvent::ChooseItem}}) {
        Session session;
        for (auto event : start)
            ASSERT_TRUE(session.handle(event));
        walk(session, {SessionEvent::ScanReceipt, SessionEvent::ScanReceipt});
        EXPECT_EQ(session.state(), SessionState::ReceiptShown) << "another receipt replaces it";
        walk(session, {SessionEvent::Back});
        EXPECT_EQ(session.state(), SessionState::Idle) << "back goes home, not to a guide";
    }
    Session session;
    walk(session, {SessionEvent::ScanReceipt, SessionEvent::RateCase, SessionEvent::Rated});
    EXPECT_EQ(session.state(), SessionState::Finished);
    for (auto event : {SessionEvent::Identified, SessionEvent::FormCompleted,
                       SessionEvent::Confirmed, SessionEvent::LookUp}) {
        Session shown;
        walk(shown, {SessionEvent::ScanReceipt});
        EXPECT_FALSE(shown.handle(event)) << "a receipt identifies nobody: " << toString(event);
    }
    Session identifying;
    walk(identifying, {SessionEvent::ChooseItem, SessionEvent::StartApplying});
    EXPECT_FALSE(identifying.handle(SessionEvent::ScanReceipt))
        << "on the identify screen a receipt belongs to the progress item (LookUp)";
    Session applying;
    walk(applying,
         {SessionEvent::ChooseItem, SessionEvent::StartApplying, SessionEvent::Identified});
    EXPECT_FALSE(applying.handle(SessionEvent::RateCase));
}
