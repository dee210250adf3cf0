// SPDX-License-Identifier: Apache-2.0
#include "qml/pinyin_input_model.h"

#include "base/secure_buffer.h"

namespace kiosk::ui {

namespace {

/// Overwrites a string's characters before it is dropped (it may hold a citizen's name).
void wipe(QString& text)
{
    if (!text.isEmpty())
        base::secureZero(text.data(), static_cast<std::size_t>(text.size()) * sizeof(QChar));
    text.clear();
}

} // namespace

PinyinInputModel::PinyinInputModel(QObject* parent) : QObject(parent) {}

PinyinInputModel::~PinyinInputModel()
{
    wipePage();
    wipe(syllables_);
}

QString PinyinInputModel::letters() const
{
    const auto letters = input_.letters();
    return QString::fromLatin1(letters.data(), static_cast<qsizetype>(letters.size()));
}

int PinyinInputModel::candidateCount() const
{
    return static_cast<int>(input_.candidateCount());
}

int PinyinInputModel::pageCount() const
{
    return (candidateCount() + pageSize_ - 1) / pageSize_;
}

void PinyinInputModel::setPageSize(int size)
{
    if (size < 1 || size == pageSize_)
        return;
    pageSize_ = size;
    refresh(0);
}

bool PinyinInputModel::type(const QString& letter)
{
    if (letter.isEmpty() || letter.front().unicode() > 0x7F)
        return false;
    if (!input_.type(static_cast<char>(letter.front().unicode())))
        return false;
    refresh(0);
    return true;
}

bool PinyinInputModel::choose(int index)
{
    if (index < 0 || index >= page_.size())
        return false;
    auto chosen = input_.choose(static_cast<std::size_t>(pageIndex_ * pageSize_ + index));
    if (chosen.empty())
        return false;
    auto text = QString::fromStdString(chosen);
    base::secureZero(chosen);
    refresh(0);
    emit committed(text);
    wipe(text);
    return true;
}

bool PinyinInputModel::confirm()
{
    if (input_.empty())
        return false;
    if (input_.candidateCount() > 0) {
        const int previous = pageIndex_;
        refresh(0);
        const bool chosen = choose(0);
        if (!chosen)
            refresh(previous);
        return chosen;
    }
    auto text = letters();
    input_.reset();
    refresh(0);
    emit committed(text);
    wipe(text);
    return true;
}

bool PinyinInputModel::backspace()
{
    if (!input_.backspace())
        return false;
    refresh(0);
    return true;
}

void PinyinInputModel::clear()
{
    input_.reset();
    refresh(0);
}

void PinyinInputModel::nextPage()
{
    if (hasNextPage())
        refresh(pageIndex_ + 1);
}

void PinyinInputModel::previousPage()
{
    if (hasPreviousPage())
        refresh(pageIndex_ - 1);
}

void PinyinInputModel::refresh(int index)
{
    wipePage();
    wipe(syllables_);
    pageIndex_ = index;
    auto syllables = input_.syllables();
    syllables_ = QString::fromStdString(syllables);
    base::secureZero(syllables);
    auto words = input_.candidates(static_cast<std::size_t>(index * pageSize_),
                                   static_cast<std::size_t>(pageSize_));
    for (auto& word : words) {
        page_.append(QString::fromStdString(word));
        base::secureZero(word);
    }
    if (index == 0) {
        first_ = page_.value(0);
    } else {
        auto first = input_.candidates(0, 1);
        first_ = first.empty() ? QString() : QString::fromStdString(first.front());
        for (auto& word : first)
            base::secureZero(word);
    }
    emit changed();
}

void PinyinInputModel::wipePage()
{
    for (auto& word : page_)
        wipe(word);
    page_.clear();
    wipe(first_);
}

} // namespace kiosk::ui
