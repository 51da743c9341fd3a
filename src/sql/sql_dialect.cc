#include "sql/sql_dialect.h"

namespace flywheel {

std::string_view SqlDialectName(SqlDialect d) {
  switch (d) {
    case SqlDialect::kSqlite:
      return "sqlite";
    case SqlDialect::kDuckdb:
      return "duckdb";
    case SqlDialect::kPostgres:
      return "postgres";
  }
  return "";
}

std::optional<SqlDialect> ParseSqlDialect(std::string_view name) {
  if (name == "sqlite") return SqlDialect::kSqlite;
  if (name == "duckdb") return SqlDialect::kDuckdb;
  if (name == "postgres" || name == "postgresql") return SqlDialect::kPostgres;
  return std::nullopt;
}

}  // namespace flywheel
