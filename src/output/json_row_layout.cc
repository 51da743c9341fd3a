#include "output/json_row_layout.h"

#include <algorithm>
#include <bit>
#include <charconv>

#include "output/json_number.h"
#include "output/json_writer.h"

namespace flywheel {
namespace {

// A line break (after a comma when `comma`) and the indent of `level`.
std::string Break(bool comma, int level) {
  std::string text = comma ? "," : "";
  text += '\n';
  text.append(static_cast<size_t>(2 * level), ' ');
  return text;
}

// The separator and key before a member's value at `level`.
std::string KeyPiece(std::string_view key, int level, bool first) {
  std::string piece = Break(!first, level);
  JsonWriter::AppendQuoted(&piece, key);
  return piece + ": ";
}

}  // namespace

JsonRowLayout::Member JsonRowLayout::MakeMember(const Column& column, size_t cell, int level, bool first) {
  Member m;
  m.piece = KeyPiece(column.name, level, first);
  m.cell = cell;
  m.level = level;
  m.json_text = column.json_text;
  m.list_next = Break(true, level + 1);
  m.list_close = Break(false, level) + "]";
  return m;
}

JsonRowLayout::JsonRowLayout(const std::vector<std::pair<const Column*, size_t>>& members, int level) {
  head_ = "{";
  separated_head_ = Break(true, level) + "{";
  end_ = members.empty() ? "}" : Break(false, level) + "}";
  std::vector<std::string_view> groups_made;
  for (const auto& [column, cell] : members) {
    if (column->group.empty()) {
      members_.push_back(MakeMember(*column, cell, level + 1, members_.empty()));
      continue;
    }
    if (std::find(groups_made.begin(), groups_made.end(), column->group) != groups_made.end()) continue;
    groups_made.push_back(column->group);
    Member g;
    g.piece = KeyPiece(column->group, level + 1, members_.empty()) + "{";
    g.level = level + 1;
    g.is_group = true;
    for (const auto& [other, other_cell] : members) {
      if (other->group == column->group && !other->name.empty())
        g.group.push_back(MakeMember(*other, other_cell, level + 2, g.group.empty()));
    }
    g.close = g.group.empty() ? "}" : Break(false, level + 1) + "}";
    members_.push_back(std::move(g));
  }
}

void JsonRowLayout::AppendValue(std::string* out, Member& m, const Cell& cell) {
  switch (cell.index()) {
    case 0:
      out->append("null");
      return;
    case 1: {
      const std::string& text = std::get<std::string>(cell);
      if (m.json_text) {
        JsonWriter w(out, m.level);
        w.Parsed(text);
      } else {
        JsonWriter::AppendQuoted(out, text);
      }
      return;
    }
    case 2: {
      char buf[24];
      const auto r = std::to_chars(buf, buf + sizeof buf, std::get<int64_t>(cell));
      out->append(buf, r.ptr);
      return;
    }
    case 3: {
      const uint64_t bits = std::bit_cast<uint64_t>(std::get<double>(cell));
      if (!m.has_last || bits != m.last_bits) {
        m.last_text.clear();
        AppendJsonNumber(&m.last_text, std::get<double>(cell));
        m.last_bits = bits;
        m.has_last = true;
      }
      out->append(m.last_text);
      return;
    }
    default: {
      const TextList& list = std::get<TextList>(cell);
      if (list.empty()) {
        out->append("[]");
        return;
      }
      out->push_back('[');
      for (size_t i = 0; i < list.size(); ++i) {
        // The first item's separator is the others' without the comma.
        out->append(i == 0 ? std::string_view(m.list_next).substr(1) : std::string_view(m.list_next));
        JsonWriter::AppendQuoted(out, list[i]);
      }
      out->append(m.list_close);
      return;
    }
  }
}

void JsonRowLayout::AppendGroup(std::string* out, std::vector<Member>& group,
                                const std::vector<Cell>& cells) {
  static const Cell kNull;
  for (Member& m : group) {
    out->append(m.piece);
    AppendValue(out, m, m.cell < cells.size() ? cells[m.cell] : kNull);
  }
}

void JsonRowLayout::AppendMembers(std::string* out, const std::vector<Cell>& cells) {
  static const Cell kNull;
  for (Member& m : members_) {
    out->append(m.piece);
    if (m.is_group) {
      AppendGroup(out, m.group, cells);
      out->append(m.close);
    } else {
      AppendValue(out, m, m.cell < cells.size() ? cells[m.cell] : kNull);
    }
  }
  out->append(end_);
}

std::vector<std::pair<const Column*, size_t>> JsonRowMembers(const Report& report) {
  const size_t ncol = report.columns.size();
  auto column = [&](size_t i) { return i < ncol ? &report.columns[i] : &report.json_columns[i - ncol]; };
  std::vector<std::pair<const Column*, size_t>> members;
  if (report.json_order.empty()) {
    for (size_t i = 0; i < ncol + report.json_columns.size(); ++i) members.emplace_back(column(i), i);
  } else {
    for (size_t i : report.json_order) members.emplace_back(column(i), i);
  }
  return members;
}

}  // namespace flywheel
