#include "workspace/column_ops.h"

#include <charconv>
#include <cstring>
#include <type_traits>

namespace flywheel {
namespace {

// A column's elements as they are held in a plain vector (not StringColumn, CodeColumn,
// NumberColumn).
template <typename C>
inline constexpr bool kPlainVector =
    !std::is_same_v<C, StringColumn> && !std::is_same_v<C, CodeColumn> && !std::is_same_v<C, NumberColumn>;

bool SameBits(double x, double y) {
  if (x != x || y != y) return (x != x) == (y != y);  // empty (NaN) equals empty
  uint64_t a, b;
  std::memcpy(&a, &x, 8);
  std::memcpy(&b, &y, 8);
  return a == b;
}

std::string NumberText(double v) {
  char buf[512];
  // Fixed notation, shortest text that reads back bit-identical (as the loader reads it).
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return std::string(buf, res.ptr);
}

}  // namespace

int32_t ValueRemap::MapRow(ValueKind kind, int32_t row) const {
  if (row < 0) return row;
  const std::vector<int32_t>* map = kind == ValueKind::kAccount       ? &accounts
                                    : kind == ValueKind::kOpportunity ? &opportunities
                                                                      : &contacts;
  return map->empty() ? row : (*map)[static_cast<size_t>(row)];
}

std::vector<Code> RemapCodes(const StringDict& from, const StringDict& to) {
  std::vector<Code> out(from.size());
  for (size_t c = 0; c < out.size(); ++c) {
    auto found = to.Find(from.Get(static_cast<Code>(c)));
    out[c] = found ? *found : kNoCode;
  }
  return out;
}

std::vector<int32_t> RemapRows(const StringColumn& from_ids, const StringColumn& to_ids,
                               const IdIndex* to_index) {
  IdIndex built;
  if (to_index == nullptr) {
    built.Reserve(to_ids, to_ids.size());
    for (size_t i = 0; i < to_ids.size(); ++i) built.Insert(to_ids, static_cast<int32_t>(i));
    to_index = &built;
  }
  std::vector<int32_t> out(from_ids.size());
  for (size_t i = 0; i < out.size(); ++i) {
    // Exports keep their order from one week to the next: try the same row first.
    if (i < to_ids.size() && to_ids[i] == from_ids[i]) {
      out[i] = static_cast<int32_t>(i);
      continue;
    }
    const int32_t row = to_index->Find(to_ids, from_ids[i]);
    out[i] = row < 0 ? kNoRow : row;
  }
  return out;
}

bool SameValue(const StoredColumn& a, size_t i, const StoredColumn& b, size_t j, const ValueRemap& b_to_a) {
  return std::visit(
      [&](const auto* x) -> bool {
        using C = std::remove_cvref_t<decltype(*x)>;
        const C& y = *std::get<C*>(b.data);
        if constexpr (std::is_same_v<C, StringColumn>) {
          return (*x)[i] == y[j];
        } else if constexpr (std::is_same_v<C, CodeColumn> || std::is_same_v<C, std::vector<Code>>) {
          return (*x)[i] == b_to_a.MapCode(y[j]);
        } else if constexpr (std::is_same_v<C, NumberColumn> || std::is_same_v<C, std::vector<double>>) {
          return SameBits((*x)[i], y[j]);
        } else if constexpr (std::is_same_v<C, std::vector<int32_t>>) {
          const bool reference = a.kind == ValueKind::kAccount || a.kind == ValueKind::kOpportunity ||
                                 a.kind == ValueKind::kContact;
          return (*x)[i] == (reference ? b_to_a.MapRow(a.kind, y[j]) : y[j]);
        } else {
          return (*x)[i] == y[j];
        }
      },
      a.data);
}

void AppendRows(StoredColumn& dst, const StoredColumn& src, size_t from, size_t count,
                const ValueRemap& src_to_dst) {
  std::visit(
      [&](auto* x) {
        using C = std::remove_cvref_t<decltype(*x)>;
        const C& y = *std::get<C*>(src.data);
        const size_t end = from + count;
        if constexpr (std::is_same_v<C, StringColumn> || std::is_same_v<C, NumberColumn>) {
          for (size_t r = from; r < end; ++r) x->push_back(y[r]);
        } else if constexpr (std::is_same_v<C, CodeColumn> || std::is_same_v<C, std::vector<Code>>) {
          for (size_t r = from; r < end; ++r) x->push_back(src_to_dst.MapCode(y[r]));
        } else if constexpr (std::is_same_v<C, std::vector<int32_t>>) {
          const bool reference = dst.kind == ValueKind::kAccount || dst.kind == ValueKind::kOpportunity ||
                                 dst.kind == ValueKind::kContact;
          if (!reference) {
            x->insert(x->end(), y.begin() + static_cast<std::ptrdiff_t>(from),
                      y.begin() + static_cast<std::ptrdiff_t>(end));
          } else {
            for (size_t r = from; r < end; ++r) x->push_back(src_to_dst.MapRow(dst.kind, y[r]));
          }
        } else {
          static_assert(kPlainVector<C>);
          x->insert(x->end(), y.begin() + static_cast<std::ptrdiff_t>(from),
                    y.begin() + static_cast<std::ptrdiff_t>(end));
        }
      },
      dst.data);
}

std::string ValueText(const Dataset& d, const StoredColumn& column, size_t row) {
  return std::visit(
      [&](const auto* x) -> std::string {
        using C = std::remove_cvref_t<decltype(*x)>;
        if constexpr (std::is_same_v<C, StringColumn>) {
          return std::string((*x)[row]);
        } else if constexpr (std::is_same_v<C, CodeColumn> || std::is_same_v<C, std::vector<Code>>) {
          return std::string(d.dict.Get((*x)[row]));
        } else if constexpr (std::is_same_v<C, NumberColumn> || std::is_same_v<C, std::vector<double>>) {
          const double v = (*x)[row];
          return IsNull(v) ? std::string() : NumberText(v);
        } else if constexpr (std::is_same_v<C, std::vector<int32_t>>) {
          const int32_t v = (*x)[row];
          switch (column.kind) {
            case ValueKind::kAccount:
              return v < 0 ? std::string() : std::string(d.accounts.id[v]);
            case ValueKind::kOpportunity:
              return v < 0 ? std::string() : std::string(d.opportunities.id[v]);
            case ValueKind::kContact:
              return v < 0 ? std::string() : std::string(d.contacts.id[v]);
            case ValueKind::kMonth:
              return v == kNullMonth ? std::string() : FormatMonth(v);
            default:
              return v == kNullDay || v == kOpenEnd ? std::string() : FormatDate(v);
          }
        } else if constexpr (std::is_same_v<C, std::vector<int64_t>>) {
          return (*x)[row] == kNullInt ? std::string() : std::to_string((*x)[row]);
        } else {
          const int v = static_cast<int>((*x)[row]);
          if (column.kind == ValueKind::kBool) return v < 0 ? std::string() : v ? "true" : "false";
          if (column.kind == ValueKind::kInteger) return v < 0 ? std::string() : std::to_string(v);
          for (const auto& [value, name] : column.enum_values) {
            if (value == v) return std::string(name);
          }
          return std::string();
        }
      },
      column.data);
}

}  // namespace flywheel
