// SPDX-License-Identifier: Apache-2.0
// PinyinInputModel: the pinyin keyboard's letters and its candidate bar, paged 6 at a time.
#include "qml/pinyin_input_model.h"

#include <gtest/gtest.h>

#include <QStringList>

namespace {

using kiosk::ui::PinyinInputModel;

void typeAll(PinyinInputModel& model, const QString& letters)
{
    for (const QChar letter : letters)
        ASSERT_TRUE(model.type(letter)) << letter.toLatin1();
}

TEST(PinyinInputModel, ShowsTheLettersAsSyllablesAndTheFirstPage)
{
    PinyinInputModel model;
    EXPECT_FALSE(model.composing());
    EXPECT_TRUE(model.candidates().isEmpty());
    typeAll(model, "shehui");
    EXPECT_TRUE(model.composing());
    EXPECT_EQ(model.letters(), "shehui");
    EXPECT_EQ(model.syllables(), "she hui");
    EXPECT_EQ(model.candidates().size(), 6);
    EXPECT_EQ(model.candidates().front(), "社会");
    EXPECT_EQ(model.page(), 0);
    EXPECT_FALSE(model.hasPreviousPage());
    EXPECT_TRUE(model.hasNextPage());
    EXPECT_EQ(model.pageCount(), (model.candidateCount() + 5) / 6);
}

TEST(PinyinInputModel, PagesForwardAndBackSixAtATime)
{
    PinyinInputModel model;
    typeAll(model, "she");
    const QStringList first = model.candidates();
    model.nextPage();
    EXPECT_EQ(model.page(), 1);
    EXPECT_TRUE(model.hasPreviousPage());
    const QStringList second = model.candidates();
    EXPECT_EQ(second.size(), 6);
    EXPECT_EQ(model.firstCandidate(), first.front()) << "what confirm() takes, on any page";
    for (const auto& word : second)
        EXPECT_FALSE(first.contains(word)) << word.toStdString();
    model.previousPage();
    EXPECT_EQ(model.page(), 0);
    EXPECT_EQ(model.candidates(), first);
    model.previousPage();
    EXPECT_EQ(model.page(), 0) << "no page before the first";
}

TEST(PinyinInputModel, TheLastPageHoldsTheRemainderAndHasNoNext)
{
    PinyinInputModel model;
    typeAll(model, "she");
    while (model.hasNextPage())
        model.nextPage();
    EXPECT_EQ(model.page(), model.pageCount() - 1);
    const int rest = model.candidateCount() - model.page() * 6;
    EXPECT_EQ(model.candidates().size(), rest);
    model.nextPage();
    EXPECT_EQ(model.page(), model.pageCount() - 1);
}

TEST(PinyinInputModel, ChoosingOnALaterPageCommitsThatWord)
{
    PinyinInputModel model;
    QStringList commits;
    QObject::connect(&model, &PinyinInputModel::committed,
                     [&commits](const QString& text) { commits.append(text); });
    typeAll(model, "she");
    model.nextPage();
    const QString word = model.candidates().at(2);
    EXPECT_TRUE(model.choose(2));
    EXPECT_EQ(commits, QStringList{word});
    EXPECT_FALSE(model.composing());
    EXPECT_EQ(model.page(), 0);
    EXPECT_TRUE(model.candidates().isEmpty());
}

TEST(PinyinInputModel, APartialChoiceLeavesTheRestOnPageZero)
{
    PinyinInputModel model;
    QStringList commits;
    QObject::connect(&model, &PinyinInputModel::committed,
                     [&commits](const QString& text) { commits.append(text); });
    typeAll(model, "shehuibaoxian");
    const int index = static_cast<int>(model.candidates().indexOf("社会"));
    ASSERT_GE(index, 0);
    EXPECT_TRUE(model.choose(index));
    EXPECT_EQ(commits, QStringList{"社会"});
    EXPECT_EQ(model.letters(), "baoxian");
    EXPECT_EQ(model.candidates().front(), "保险");
    EXPECT_TRUE(model.confirm());
    EXPECT_EQ(commits, (QStringList{"社会", "保险"}));
}

TEST(PinyinInputModel, ConfirmWithoutCandidatesCommitsTheLetters)
{
    PinyinInputModel model;
    QStringList commits;
    QObject::connect(&model, &PinyinInputModel::committed,
                     [&commits](const QString& text) { commits.append(text); });
    EXPECT_FALSE(model.confirm()) << "nothing typed";
    typeAll(model, "vv");
    EXPECT_EQ(model.candidateCount(), 0);
    EXPECT_TRUE(model.confirm());
    EXPECT_EQ(commits, QStringList{"vv"});
    EXPECT_FALSE(model.composing());
}

TEST(PinyinInputModel, BackspaceAndClearEditTheLetters)
{
    PinyinInputModel model;
    typeAll(model, "yibaox");
    EXPECT_TRUE(model.backspace());
    EXPECT_EQ(model.letters(), "yibao");
    EXPECT_EQ(model.candidates().front(), "医保");
    model.clear();
    EXPECT_FALSE(model.composing());
    EXPECT_TRUE(model.candidates().isEmpty());
    EXPECT_EQ(model.syllables(), "");
    EXPECT_FALSE(model.backspace());
}

TEST(PinyinInputModel, RefusesWhatIsNoLetterAndStopsWhenFull)
{
    PinyinInputModel model;
    EXPECT_FALSE(model.type("1"));
    EXPECT_FALSE(model.type(""));
    EXPECT_FALSE(model.type("社"));
    for (int i = 0; i < 16; ++i)
        EXPECT_TRUE(model.type("A"));
    EXPECT_TRUE(model.full());
    EXPECT_FALSE(model.type("a"));
    EXPECT_EQ(model.letters().size(), 16);
}

TEST(PinyinInputModel, ChoosingOffThePageIsRefused)
{
    PinyinInputModel model;
    typeAll(model, "ma");
    EXPECT_FALSE(model.choose(6));
    EXPECT_FALSE(model.choose(-1));
    EXPECT_EQ(model.letters(), "ma");
}

TEST(PinyinInputModel, APageSizeOfThreeShowsThree)
{
    PinyinInputModel model;
    model.setPageSize(3);
    typeAll(model, "ma");
    EXPECT_EQ(model.candidates().size(), 3);
    EXPECT_EQ(model.pageCount(), (model.candidateCount() + 2) / 3);
}

} // namespace
