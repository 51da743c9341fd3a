// The default scorecard, built into the binary; the same text as examples/scorecard.toml
// (default_scorecard_test.cc keeps the two equal).
#include "customers/scorecard.h"

namespace flywheel {

const char* DefaultScorecardToml() {
  return R"toml(# The default account scorecard of `flywheel customers` (docs/CUSTOMERS.md).
# Copy it, change weights, bands and rules, and pass it with --scorecard FILE.
# Weights are shares of the total (they need not sum to 100; 0 switches a measure off).
# A measure without data for an account is left out and the other weights are rescaled.

[classes]
ideal = 80
good = 60
neutral = 40

[lists]
public_sector = ["public_sector", "government"]

[costs]
hourly = 80
escalation_sales = 250
escalation_management = 1000
escalation_executive = 5000

[revenue_quality]
recurring = 100
usage = 75
one_off = 40
services = 20

[advocacy]
reference = 3
case_study = 5
testimonial = 2
talk = 5
review = 1
referral = 3
half_life_days = 365

[health]
half_life_days = 90
# The health trend: against a score snapshot of an earlier date, a move of the health axis by
# trend_points; else usage (last 30 days against the 90 before) at or beyond 1 +/- the band,
# and the NPS measure moving by nps_trend_points over 90 days (docs/CUSTOMERS.md).
trend_points = 5
usage_trend_band = 0.25
nps_trend_points = 1

[product_fit]
focus_segments = []

[affinity]
attribute = "attr_affinity"

[fit]
high_fit = 60
high_health = 60
prio1 = 70
prio2 = 40

# The playbook: what to do with each customer. In order, the first play whose rule matches
# gives the action; `why` is the rule in words, shown as the action's reason with the values
# the rule read. Rules use the names of the rule language plus class, score, fit, health,
# health_trend ("up", "flat", "down"; no data when unknown), arr_decile (10 = the top tenth
# of the customers by ARR), sunset_arr and executive_escalations. "Falling" is a health trend
# of "down". Actions may say {notice} (the notice of the account's ARR tier, below),
# {sunset_notice} (the same for its ARR on sunset lines) and {missing} (the measures without
# data). executive_sponsor = true takes a seat of the executive attention budget (settings
# attention.executive_budget); when none is left the play is passed over.
[[actions]]
name = "offboard"
rule = 'class in ["excluded", "anti-profile"]'
action = "offboard with {notice} of notice"
why = "excluded or anti-profile"

[[actions]]
name = "migrate"
rule = "sunset_arr > 0"
action = "migrate off sunset lines ({sunset_notice} of notice)"
why = "ARR on sunset lines"

[[actions]]
name = "expand_and_ask_for_advocacy"
rule = 'class in ["ideal", "good"] and health >= 60 and not health_trend == "down" and (nps >= 9 or advocacy_points > 0)'
action = "expand and ask for advocacy"
why = "healthy (60+), not falling, a promoter (NPS 9+) or an advocate"

[[actions]]
name = "expand"
rule = 'class in ["ideal", "good"] and health >= 60 and not health_trend == "down"'
action = "expand"
why = "healthy (60+), not falling, not a promoter or advocate"

[[actions]]
name = "save_with_sponsor"
rule = 'class in ["ideal", "good"] and (health < 60 or health_trend == "down") and arr_decile == 10'
action = "save play: success plan with an executive sponsor"
why = "unhappy (below 60) or falling, top ARR decile"
executive_sponsor = true

[[actions]]
name = "save_budget_full"
rule = 'class in ["ideal", "good"] and (health < 60 or health_trend == "down") and arr_decile == 10'
action = "save play: success plan (no executive sponsor: the executive attention budget is full)"
why = "unhappy (below 60) or falling, top ARR decile"

[[actions]]
name = "save"
rule = 'class in ["ideal", "good"] and (health < 60 or health_trend == "down")'
action = "save play: success plan"
why = "unhappy (below 60) or falling"

[[actions]]
name = "nurture"
rule = 'class == "neutral" and health >= 60'
action = "nurture and check fit"
why = "neutral, healthy (60+)"

[[actions]]
name = "reduce_cost"
rule = 'class in ["neutral", "poor"] and health < 60'
action = "reduce cost to serve, decide at renewal"
why = "unhappy (below 60)"

[[actions]]
name = "keep_serving"
rule = 'class == "poor" and contribution > 0'
action = "keep serving, no special effort"
why = "poor, positive contribution"

[[actions]]
name = "fix_or_let_go"
rule = 'class == "poor"'
action = "fix or let go"
why = "poor, no positive contribution"

[[actions]]
name = "collect_data"
rule = 'class == "unscored"'
action = "collect data ({missing} missing)"
why = "no measure has data"

[[actions]]
name = "check_health"
rule = 'class in ["ideal", "good", "neutral"]'
action = "check health first (no usage, NPS or contact data), then decide"
why = "no health data"

# Notice before ending service on sunset product lines, by the account's ARR at stake:
# a tier applies from its from_arr up to the next tier's (the first starts at 0).
[[migration.notice_tiers]]
from_arr = 0
notice_months = 1

[[migration.notice_tiers]]
from_arr = 20000
notice_months = 12

[[migration.notice_tiers]]
from_arr = 100000
notice_months = 36

[[migration.notice_tiers]]
from_arr = 1000000
notice_months = 60

# revenue
[measures.arr]
weight = 12
method = "percentile"

[measures.revenue_quality]
weight = 8
method = "linear"
low = 0
high = 100

# profitability
[measures.contribution]
weight = 8
method = "percentile"

[measures.contribution_margin]
weight = 7
method = "bands"
bands = [[-1e18, 0], [0, 25], [0.3, 50], [0.5, 75], [0.7, 100]]

# service effort (last 12 months)
[measures.effort_hours_per_10k_arr]
weight = 6
method = "linear"
low = 20
high = 0

[measures.tickets_per_10k_arr]
weight = 4
method = "linear"
low = 10
high = 0

[measures.escalation_points]
weight = 5
method = "bands"
bands = [[0, 100], [1, 70], [3, 40], [10, 0]]

# product fit
[measures.strategic_share]
weight = 7
method = "linear"
low = 0
high = 100

[measures.focus_segment]
weight = 3
method = "linear"
low = 0
high = 100

# longevity
[measures.tenure_months]
weight = 6
method = "bands"
bands = [[0, 20], [6, 40], [12, 60], [24, 80], [36, 100]]

[measures.months_to_contract_end]
weight = 4
method = "bands"
bands = [[0, 0], [3, 30], [6, 60], [12, 100]]

# advocacy
[measures.advocacy_points]
weight = 5
method = "bands"
bands = [[0, 0], [1, 50], [3, 75], [5, 100]]

# affinity
[measures.affinity]
weight = 5
method = "linear"
low = 0
high = 5

# health
[measures.usage_trend]
weight = 4
method = "bands"
bands = [[0, 0], [0.5, 25], [0.8, 50], [1.0, 75], [1.2, 100]]

[measures.nps]
weight = 3
method = "linear"
low = 0
high = 10

[measures.champion]
weight = 2
method = "linear"
low = 0
high = 1

[measures.contact_seniority]
weight = 1
method = "linear"
low = 0
high = 100

# ICP fit: the sum of the points of the matching rules, capped at 100
[measures.icp_fit]
weight = 10
method = "linear"
low = 0
high = 100

[[icp_rules]]
name = "mid_size"
rule = "employees >= 50 and employees < 5000"
points = 40

[[icp_rules]]
name = "solid_revenue"
rule = "annual_revenue >= 5000000"
points = 20

[[icp_rules]]
name = "champion"
rule = "has_champion == 1"
points = 20

[[icp_rules]]
name = "senior_buyer"
rule = "top_seniority in [\"c_level\", \"vp\", \"director\"]"
points = 20

# Anti-profile: whatever the score, the class is anti-profile (the playbook offboards it).
[[anti_profile]]
name = "public_sector"
rule = "industry in public_sector"

# Hard exclusions: whatever the score, the class is excluded (offboarded). The settings'
# [exclusions] add the rules "excluded_country" and "excluded_industry".
)toml";
}

}  // namespace flywheel
