// SPDX-License-Identifier: Apache-2.0
#include "platform_sim/pdf.h"

#include <cstdio>
#include <vector>

namespace platform_sim {

namespace {
/// A PDF string literal: backslash and parentheses escaped, anything outside ASCII dropped.
std::string pdfString(std::string_view text)
{
    std::string escaped = "(";
    for (const char c : text) {
        if (c == '\\' || c == '(' || c == ')')
            escaped += '\\';
        if (c >= ' ' && c <= '~')
            escaped += c;
    }
    return escaped + ")";
}

/// The page's content stream: each line in 14 pt Helvetica, 20 pt apart, from the top left.
std::string contentStream(std::string_view lines)
{
    std::string stream = "BT /F1 14 Tf 20 TL 72 770 Td";
    std::size_t start = 0;
    while (start <= lines.size()) {
        const auto end = std::min(lines.find('\n', start), lines.size());
        stream += " " + pdfString(lines.substr(start, end - start)) + " Tj T*";
        start = end + 1;
    }
    return stream + " ET";
}

std::string xrefEntry(std::size_t offset)
{
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    return entry;
}
} // namespace

std::string makePdf(std::string_view lines)
{
    const std::string stream = contentStream(lines);
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
    };
    std::string pdf = "%PDF-1.4\n";
    std::string xref = "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t i = 0; i < objects.size(); ++i) {
        xref += xrefEntry(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xrefOffset = pdf.size();
    return pdf + xref + "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xrefOffset) + "\n%%EOF\n";
}

} // namespace platform_sim
