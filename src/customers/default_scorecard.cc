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

[product_fit]
focus_segments = []

[affinity]
attribute = "attr_affinity"

[fit]
high_fit = 60
high_health = 60
prio1 = 70
prio2 = 40

[actions]
ideal = "expand and ask for advocacy"
good = "nurture"
neutral = "review"
poor_positive = "keep serving, no special effort"
poor_negative = "fix or let go"
anti_profile = "review at renewal"
excluded = "offboard"
migrate = "migrate off sunset lines"

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

# Anti-profile: whatever the score, review at renewal.
[[anti_profile]]
name = "public_sector"
rule = "industry in public_sector"

# Hard exclusions: whatever the score, offboard. The settings' [exclusions] add the rules
# "excluded_country" and "excluded_industry".
)toml";
}

}  // namespace flywheel
