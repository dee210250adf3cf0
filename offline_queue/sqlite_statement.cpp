// SPDX-License-Identifier: Apache-2.0
#include "offline_queue/sqlite_statement.h"

#include "offline_queue/store.h"

namespace queue {

base::Error sqliteError(sqlite3* db, std::string_view what)
{
    const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
    const auto primary = code & 0xff;
    const QueueErrc errc = primary == SQLITE_FULL ? QueueErrc::full
                           : primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB
                               ? QueueErrc::corrupt
                               : QueueErrc::database;
    return base::Error{make_error_code(errc),
                       std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no database")};
}

Statement::Statement(sqlite3* db, const char* sql) : db_(db)
{
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK)
        statement_ = nullptr;
}

Statement& Statement::bind(int index, std::string_view text)
{
    sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes)
{
    sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(statement_, index, value);
    return *this;
}

base::Result<bool> Statement::step()
{
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    return base::fail(error("step"));
}

base::Result<void> Statement::run()
{
    while (true) {
        auto row = step();
        if (!row)
            return base::fail(row.error());
        if (!*row)
            return {};
    }
}

std::string Statement::text(int column) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, column));
    const int size = sqlite3_column_bytes(statement_, column);
    return data ? std::string(data, static_cast<std::size_t>(size)) : std::string{};
}

} // namespace queue
