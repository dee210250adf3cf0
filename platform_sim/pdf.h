// SPDX-License-Identifier: Apache-2.0
// A minimal one-page PDF, standing in for the certificates the platform issues.
#pragma once

#include <string>
#include <string_view>

namespace platform_sim {

/// A valid single-page A4 PDF 1.4 showing `lines` of printable ASCII (one per '\n'), with a
/// correct cross-reference table so that strict readers and printers accept it.
[[nodiscard]] std::string makePdf(std::string_view lines);

} // namespace platform_sim
