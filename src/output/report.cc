#include "output/report.h"

#include <cmath>

namespace flywheel {

std::string_view ColumnUnit(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kText:
      return "text";
    case ColumnKind::kInteger:
      return "count";
    case ColumnKind::kMoney:
      return "money";
    case ColumnKind::kRate:
      return "percent";
    case ColumnKind::kNumber:
      return "number";
    case ColumnKind::kDays:
      return "days";
    case ColumnKind::kCoefficient:
      return "number";
    case ColumnKind::kRatio:
      return "ratio";
    case ColumnKind::kDate:
      return "date";
  }
  return "text";
}

std::string ListText(const TextList& list) {
  std::string text;
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) text += ", ";
    text += list[i];
  }
  return text;
}

void SetText(Cell* cell, std::string_view text) {
  if (auto* held = std::get_if<std::string>(cell)) {
    held->assign(text);
  } else {
    cell->emplace<std::string>(text);
  }
}

void SetTextOrNull(Cell* cell, std::string_view text) {
  if (text.empty()) {
    *cell = std::monostate{};
  } else {
    SetText(cell, text);
  }
}

void SetNumberOrNull(Cell* cell, double v) {
  if (std::isnan(v)) {
    *cell = std::monostate{};
  } else {
    *cell = v;
  }
}

void SetList(Cell* cell, std::initializer_list<const std::vector<std::string>*> parts) {
  TextList* list = std::get_if<TextList>(cell);
  if (list == nullptr) list = &cell->emplace<TextList>();
  size_t n = 0;
  for (const auto* part : parts) {
    for (const std::string& item : *part) {
      if (n < list->size()) {
        (*list)[n].assign(item);
      } else {
        list->push_back(item);
      }
      ++n;
    }
  }
  list->resize(n);
}

ExtraTable ExtraValue(std::string key, Cell value) {
  ExtraTable t;
  t.key = std::move(key);
  t.shape = ExtraTable::Shape::kValue;
  t.rows.rows.push_back({std::move(value)});
  return t;
}

ExtraTable ExtraObject(std::string key, std::vector<Column> columns, std::vector<Cell> row) {
  ExtraTable t;
  t.key = std::move(key);
  t.shape = ExtraTable::Shape::kObject;
  t.columns = std::move(columns);
  t.rows.rows.push_back(std::move(row));
  return t;
}

}  // namespace flywheel
