#include "output/report.h"

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

}  // namespace flywheel
