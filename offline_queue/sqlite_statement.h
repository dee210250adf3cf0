// SPDX-License-Identifier: Apache-2.0
// Statement: a prepared SQLite statement with RAII finalisation and typed binds and columns.
#pragma once

#include "base/result.h"

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace queue {

/// The store's error for a failed SQLite call, with SQLite's own words.
[[nodiscard]] base::Error sqliteError(sqlite3* db, std::string_view what);

class Statement {
public:
    /// Prepares `sql`; check ok() (or error()) before use.
    Statement(sqlite3* db, const char* sql);
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { sqlite3_finalize(statement_); }

    [[nodiscard]] bool ok() const { return statement_ != nullptr; }
    [[nodiscard]] base::Error error(std::string_view what) const { return sqliteError(db_, what); }

    /// Binds by 1-based index; text and blobs are copied (SQLITE_TRANSIENT).
    Statement& bind(int index, std::string_view text);
    Statement& bindBlob(int index, std::string_view bytes);
    Statement& bind(int index, std::int64_t value);

    /// Steps once: true when a row is ready, false when done; an error otherwise.
    [[nodiscard]] base::Result<bool> step();
    /// Steps to completion (for writes).
    [[nodiscard]] base::Result<void> run();

    [[nodiscard]] std::int64_t integer(int column) const
    {
        return sqlite3_column_int64(statement_, column);
    }
    [[nodiscard]] std::string text(int column) const;
    [[nodiscard]] bool isNull(int column) const
    {
        return sqlite3_column_type(statement_, column) == SQLITE_NULL;
    }

private:
    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
};

} // namespace queue
