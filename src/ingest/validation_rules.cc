#include "ingest/validation_rules.h"

#include <cassert>

namespace flywheel {

namespace {

constexpr std::string_view kQuarantined = "row quarantined";

}  // namespace

const std::vector<ValidationRule>& ValidationRules() {
  using R = RuleClass;
  static const std::vector<ValidationRule> rules = {
      {"field_count", R::kError, "a row with more or fewer fields than the header", kQuarantined},
      {"invalid_utf8", R::kError, "a field with bytes that are not valid UTF-8 after decoding", kQuarantined},
      {"missing_value", R::kError, "a required value is empty", kQuarantined},
      {"bad_date", R::kError, "a date that is not YYYY-MM-DD or an ISO timestamp", kQuarantined},
      {"bad_month", R::kError, "a month that is not YYYY-MM", kQuarantined},
      {"date_out_of_range", R::kError, "a date or month before 1900 or after 2200", kQuarantined},
      {"bad_number", R::kError, "a number that is not a plain decimal", kQuarantined},
      {"number_out_of_range", R::kError, "a number beyond ±1e15", kQuarantined},
      {"bad_integer", R::kError, "a whole number that is not one", kQuarantined},
      {"bad_bool", R::kError, "a yes/no value that is not true, false, yes, no, 1 or 0", kQuarantined},
      {"bad_enum", R::kError, "a value that is not one of the column's words", kQuarantined},
      {"fraction_out_of_range", R::kError, "a fraction outside 0 to 1", kQuarantined},
      {"score_out_of_range", R::kError, "an NPS score outside 0 to 10", kQuarantined},
      {"negative_effort", R::kError, "negative ticket effort hours", kQuarantined},
      {"rate_not_positive", R::kError, "an exchange rate of zero or less", kQuarantined},
      {"duplicate_key", R::kError, "a primary key seen on an earlier line (the later row)", kQuarantined},
      {"duplicate_fx_rate", R::kError, "two fx.csv rows for the same month and currency (both rows)",
       kQuarantined},
      {"unknown_currency", R::kError, "a currency that is not an ISO 4217 code", kQuarantined},
      {"currency_without_rate", R::kError,
       "a currency other than the base currency with no fx.csv row and no pinned rate", kQuarantined},
      {"unknown_account", R::kError, "an account_id that is not in accounts.csv", kQuarantined},
      {"unknown_opportunity", R::kError, "an opportunity_id that is not in opportunities.csv", kQuarantined},
      {"unknown_contact", R::kError, "a contact_id that is not in contacts.csv", kQuarantined},
      {"quarantined_reference", R::kError, "a reference to a row that is quarantined itself", kQuarantined},
      {"end_before_start", R::kError, "a subscription that ends before it starts", kQuarantined},
      {"closed_without_date", R::kError, "a won or lost deal without closed_at", kQuarantined},
      {"unmapped_value", R::kError, "an export value the mapping cannot read (date, number, status, ...)",
       kQuarantined},
      {"missing_mapped_value", R::kError, "an export row without a value for a required column",
       kQuarantined},
      {"closed_before_created", R::kWarning,
       "a deal closed before it was created (records loaded after the fact)", "created_at := closed_at"},
      {"qualified_before_created", R::kWarning, "a lead qualified before it was created",
       "created_at := qualified_at"},
      {"closed_before_opened", R::kWarning, "a ticket closed before it was opened", "opened_at := closed_at"},
      {"negative_amount", R::kWarning, "a subscription with a negative amount (a credit)",
       "kept: the credit lowers MRR"},
      {"after_as_of", R::kWarning, "a date after the configured as-of date", "kept"},
  };
  return rules;
}

const ValidationRule& FindValidationRule(std::string_view id) {
  for (const ValidationRule& rule : ValidationRules()) {
    if (rule.id == id) return rule;
  }
  assert(false && "unknown validation rule");
  return ValidationRules().front();
}

}  // namespace flywheel
