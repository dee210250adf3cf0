// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::PinyinInputModel: the pinyin keyboard's letters and paged candidate bar.
#pragma once

#include "kiosk/core/pinyin_input.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace kiosk::ui {

/// A thin view of kiosk::core::PinyinInput for PinyinKeyboard.qml: the letters typed (cut
/// into syllables), one page of candidates (pageSize, 6 by default, most likely first) with
/// the previous and next page, and the actions of the keys. A choice emits committed(text)
/// for the keyboard to put into its field. GUI thread only. clear() and the destructor
/// zero the letters and the page it holds.
class PinyinInputModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString letters READ letters NOTIFY changed)
    Q_PROPERTY(QString syllables READ syllables NOTIFY changed)
    Q_PROPERTY(bool composing READ composing NOTIFY changed)
    Q_PROPERTY(QStringList candidates READ candidates NOTIFY changed)
    Q_PROPERTY(QString firstCandidate READ firstCandidate NOTIFY changed)
    Q_PROPERTY(int candidateCount READ candidateCount NOTIFY changed)
    Q_PROPERTY(int page READ page NOTIFY changed)
    Q_PROPERTY(int pageCount READ pageCount NOTIFY changed)
    Q_PROPERTY(bool hasPreviousPage READ hasPreviousPage NOTIFY changed)
    Q_PROPERTY(bool hasNextPage READ hasNextPage NOTIFY changed)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize NOTIFY changed)
    Q_PROPERTY(bool full READ full NOTIFY changed)

public:
    explicit PinyinInputModel(QObject* parent = nullptr);
    ~PinyinInputModel() override;

    [[nodiscard]] QString letters() const;
    [[nodiscard]] QString syllables() const { return syllables_; }
    [[nodiscard]] bool composing() const { return !input_.empty(); }
    [[nodiscard]] QStringList candidates() const { return page_; }
    /// The most likely word, whatever the page: what confirm() takes.
    [[nodiscard]] QString firstCandidate() const { return first_; }
    [[nodiscard]] int candidateCount() const;
    [[nodiscard]] int page() const { return pageIndex_; }
    [[nodiscard]] int pageCount() const;
    [[nodiscard]] bool hasPreviousPage() const { return pageIndex_ > 0; }
    [[nodiscard]] bool hasNextPage() const { return pageIndex_ + 1 < pageCount(); }
    [[nodiscard]] int pageSize() const { return pageSize_; }
    void setPageSize(int size);
    /// No more letters fit (PinyinInput::maxLetters); the citizen chooses a candidate first.
    [[nodiscard]] bool full() const
    {
        return input_.letters().size() >= core::PinyinInput::maxLetters;
    }

    /// Types a letter (the first character of `letter`); false when it was refused.
    Q_INVOKABLE bool type(const QString& letter);
    /// Chooses candidate `index` of the current page: emits committed() with its hanzi; the
    /// letters it did not cover stay, with their candidates from page 0.
    Q_INVOKABLE bool choose(int index);
    /// The confirm key: the first candidate, or the letters as typed when there is none.
    Q_INVOKABLE bool confirm();
    /// Removes the last letter; false when there was none (the keyboard edits its field).
    Q_INVOKABLE bool backspace();
    Q_INVOKABLE void clear();
    Q_INVOKABLE void nextPage();
    Q_INVOKABLE void previousPage();

signals:
    /// Text for the field: a chosen candidate, or the letters (confirm() without one).
    void committed(const QString& text);
    void changed();

private:
    /// Reads the syllables and the page `index` again, and says so.
    void refresh(int index);
    void wipePage();

    core::PinyinInput input_;
    QString syllables_;
    QStringList page_;
    QString first_;
    int pageIndex_ = 0;
    int pageSize_ = 6;
};

} // namespace kiosk::ui
