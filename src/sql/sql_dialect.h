// SqlDialect: the SQL engines `flywheel sql` writes for (SQLite, DuckDB, PostgreSQL).
#pragma once

#include <optional>
#include <string_view>

namespace flywheel {

enum class SqlDialect { kSqlite, kDuckdb, kPostgres };

// "sqlite", "duckdb", "postgres".
std::string_view SqlDialectName(SqlDialect d);

// Parses a dialect name (also "postgresql"); nullopt when unknown.
std::optional<SqlDialect> ParseSqlDialect(std::string_view name);

}  // namespace flywheel
