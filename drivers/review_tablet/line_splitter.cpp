// SPDX-License-Identifier: Apache-2.0
#include "drivers/review_tablet/line_splitter.h"

namespace drivers::review_tablet {

void LineSplitter::feed(std::string_view bytes, const OnLine& onLine, const OnTooLong& onTooLong)
{
    while (!bytes.empty()) {
        const auto end = bytes.find('\n');
        const auto piece = bytes.substr(0, end);
        if (!skipping_) {
            if (partial_.size() + piece.size() > maxLine_) {
                partial_.clear();
                skipping_ = true;
                onTooLong();
            } else {
                partial_.append(piece);
            }
        }
        if (end == std::string_view::npos)
            return;
        bytes.remove_prefix(end + 1);
        if (!skipping_) {
            std::string_view finished = partial_;
            if (finished.ends_with('\r'))
                finished.remove_suffix(1);
            if (!finished.empty())
                onLine(finished);
        }
        partial_.clear();
        skipping_ = false;
    }
}

void LineSplitter::reset()
{
    partial_.clear();
    skipping_ = false;
}

} // namespace drivers::review_tablet
