// flywheel_bench: times Flywheel's own work on one data set, in one process, for
// bench/run.sh. Each phase is repeated --reps times and every run is timed on its own:
//   load   LoadInput(--data): read and validate every CSV into a Dataset (a fresh one each run)
//   suite  every report of the registry (reports/report_registry.h) with its default
//          parameters (the waterfall between --from and --to), rendered as JSON — what
//          the CLI's report commands print
//   slice  the same reports for one segment and one quarter: period=quarter,
//          segment_by=--segment-by, segment=--segment, as_of=--slice-as-of; reports that
//          take no segment get only as_of; the waterfall runs from --slice-from to --slice-as-of
//   sql_suite  the suite's reports that compute what the views of `flywheel sql` compute
//          (sql/metrics_sql.h, MetricsSqlViewReport: revenue, cohorts, pipeline, bowtie,
//          efficiency), with the suite's parameters: the engine's side of the like-for-like
//          comparison with DuckDB and SQLite, which run only those views
//   workspace_load  with --workspace WS (an import of the same data set): LoadInput from the
//          workspace's latest snapshot, timed in turn with the CSV load (a workspace load, then
//          a CSV load, in each run), so that their ratio is measured in the same minutes
// The load reads the tables on --threads threads (LoadOptions::threads) and reports run on
// --threads threads (default: every core), each taking the next report: the large ones
// (ReportSpec::large: customers, prospects, a row per account or lead) first and never two
// at a time, so the peak memory is that of one large report beside smaller ones, then those
// that scan event tables (ReportSpec::scans_events), then the others, each group in registry
// order; the registry's runs only read the shared Input, and share the MRR series they
// start from (computed once per phase: reports/report_input.h, DerivedData). Nothing is kept
// between phases or runs.
//
// Prints one JSON object: times in ms per run, peak resident memory (KiB, getrusage) after
// the first load and at the end, rows and column bytes of each loaded table, and per report
// its status and JSON size. A process holds
// one data set at a time (each load starts after the previous one is freed); a report's JSON
// is written in pieces of about 1 MB (WriteJson) and counted, as the CLI writes it to a file
// or a pipe, so it is never held whole. With --out-dir it
// runs each phase once more, untimed, and writes each report's JSON (for the equality checks
// against the CLI, the server and the SQL engines), and with --workspace the same from the
// workspace's data set as ws_suite_*.json and ws_slice_*.json.
#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "output/json_text.h"
#include "output/report_writer.h"
#include "reports/report_input.h"
#include "reports/report_registry.h"
#include "sql/metrics_sql.h"

namespace flywheel {
namespace {

struct BenchOptions {
  std::string data_dir;
  std::string workspace_dir;
  std::string out_dir;
  std::string as_of;
  std::string slice_as_of;
  std::string segment_by = "segment";
  std::string segment;
  std::string from, to, slice_from;  // the waterfall's interval in the suite and in the slice
  int reps = 5;
  int threads = 0;
};

struct ReportRun {
  std::string name;
  bool ok = false;
  std::string error;
  size_t bytes = 0;  // size of its JSON
  double ms = 0;     // time of this report alone (run and render)
};

long PeakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Before each run, untimed: hands the memory the previous run freed back to the system, so
// every run starts as a fresh process would, with its data set and nothing else resident.
// Without it, memory freed by one run but kept by the allocator (split among its per-thread
// arenas) adds to the peak of the next: on the demo-shape L the peak over five runs of each
// phase was 1046-1103 MiB without it and 1007-1021 MiB with it (docs/PERFORMANCE.md).
// Results are not touched.
void ReleaseFreedMemory() { malloc_trim(0); }

double MsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

bool Accepts(const ReportSpec& spec, const std::string& param) {
  return std::find(spec.params.begin(), spec.params.end(), param) != spec.params.end();
}

ReportParams SuiteParams(const ReportSpec& spec, const BenchOptions& o) {
  ReportParams p;
  p.Set("format", "json");
  if (Accepts(spec, "from") && !o.from.empty()) p.Set("from", o.from);
  if (Accepts(spec, "to") && !o.to.empty()) p.Set("to", o.to);
  return p;
}

ReportParams SliceParams(const ReportSpec& spec, const BenchOptions& o) {
  ReportParams p;
  p.Set("format", "json");
  if (!o.slice_as_of.empty()) p.Set("as_of", o.slice_as_of);
  if (Accepts(spec, "period")) p.Set("period", "quarter");
  if (Accepts(spec, "from") && !o.slice_from.empty()) p.Set("from", o.slice_from);
  if (Accepts(spec, "to") && !o.slice_as_of.empty()) p.Set("to", o.slice_as_of);
  if (Accepts(spec, "segment") && !o.segment.empty()) {
    p.Set("segment_by", o.segment_by);
    p.Set("segment", o.segment);
  }
  return p;
}

// The registry's reports that reproduce a view of the emitted SQL, in registry order.
std::vector<ReportSpec> SqlViewReports() {
  int n = 0;
  const char* const* views = MetricsSqlViews(&n);
  std::vector<ReportSpec> out;
  for (const ReportSpec& spec : Reports()) {
    for (int i = 0; i < n; ++i) {
      const char* report = MetricsSqlViewReport(views[i]);
      if (report && spec.name == std::string_view(report)) {
        out.push_back(spec);
        break;
      }
    }
  }
  return out;
}

// Hands out the reports of a phase: the large ones first, one at a time; while a large one
// runs, the next report that is not large, those that scan event tables before the others
// (ReportSpec::scans_events); a thread with only large ones left waits.
class ReportQueue {
 public:
  explicit ReportQueue(std::span<const ReportSpec> specs) : specs_(specs), taken_(specs.size(), false) {}
  // The index of the next report to run, or -1 when every report is taken.
  int Take() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      int pick = -1, left = 0;
      for (int rank = 0; rank < 3 && pick < 0; ++rank) {  // large, scanning events, the others
        for (size_t i = 0; i < specs_.size() && pick < 0; ++i) {
          if (taken_[i] || Rank(specs_[i]) != rank) continue;
          ++left;
          if (!specs_[i].large || !large_running_) pick = static_cast<int>(i);
        }
      }
      if (pick >= 0) {
        taken_[pick] = true;
        if (specs_[pick].large) large_running_ = true;
        return pick;
      }
      if (left == 0) return -1;
      done_.wait(lock);  // only large reports are left, and one is running
    }
  }
  void Done(int i) {
    if (!specs_[i].large) return;
    std::lock_guard<std::mutex> lock(mu_);
    large_running_ = false;
    done_.notify_all();
  }

 private:
  static int Rank(const ReportSpec& spec) { return spec.large ? 0 : spec.scans_events ? 1 : 2; }
  std::span<const ReportSpec> specs_;
  std::vector<bool> taken_;
  bool large_running_ = false;
  std::mutex mu_;
  std::condition_variable done_;
};

// Runs `specs` on `threads` threads, in the order of ReportQueue; results in `specs` order.
std::vector<ReportRun> RunReports(const Input& input, std::span<const ReportSpec> specs, bool slice,
                                  const BenchOptions& o, const std::string& out_dir, const char* kind) {
  // Each phase starts from nothing derived: the MRR series its reports share is computed once
  // within the phase, not carried over from the previous one.
  input.derived->Clear();
  std::vector<ReportRun> runs(specs.size());
  ReportQueue queue(specs);
  auto worker = [&] {
    for (int i = queue.Take(); i >= 0; queue.Done(i), i = queue.Take()) {
      const ReportSpec& spec = specs[i];
      ReportRun& run = runs[i];
      run.name = spec.name;
      // Reports that read no data set (market scoring and sizing take their own TOML file).
      if (std::string_view(spec.needs).find(".csv") == std::string_view::npos) {
        run.ok = true;
        run.error = "skipped: reads no data set";
        continue;
      }
      const ReportParams params = slice ? SliceParams(spec, o) : SuiteParams(spec, o);
      const auto start = std::chrono::steady_clock::now();
      auto report = RunReport(spec, input, params);
      if (!report.ok()) {
        run.error = report.status().message();
        continue;
      }
      run.ok = true;
      // The JSON is written as the CLI writes it to a file or pipe: in pieces, never held whole.
      std::ofstream file;
      if (!out_dir.empty()) file.open(out_dir + "/" + kind + "_" + run.name + ".json", std::ios::binary);
      WriteJson(*report, [&](std::string_view piece) {
        run.bytes += piece.size();
        if (file.is_open()) file.write(piece.data(), static_cast<std::streamsize>(piece.size()));
      });
      run.ms = MsSince(start);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < o.threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return runs;
}

std::string JsonList(const std::vector<double>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%.3f", i ? "," : "", v[i]);
    out += buf;
  }
  return out + "]";
}

std::string ReportsJson(const std::vector<ReportRun>& runs) {
  std::string out = "[";
  for (size_t i = 0; i < runs.size(); ++i) {
    const ReportRun& r = runs[i];
    if (i) out += ",";
    out += "{\"name\":" + JsonString(r.name);
    out += r.ok ? ",\"ok\":true" : ",\"ok\":false";
    out += ",\"bytes\":" + std::to_string(r.bytes);
    out += ",\"ms\":" + std::to_string(r.ms);
    out += ",\"error\":" + JsonString(r.error) + "}";
  }
  return out + "]";
}

// Parses the command line into `o`; false (after a message) on a bad one.
bool ParseOptions(int argc, char** argv, BenchOptions* o) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "flywheel_bench: %s needs a value\n", arg.c_str());
      return false;
    }
    const std::string value = argv[++i];
    if (arg == "--data")
      o->data_dir = value;
    else if (arg == "--workspace")
      o->workspace_dir = value;
    else if (arg == "--out-dir")
      o->out_dir = value;
    else if (arg == "--as-of")
      o->as_of = value;
    else if (arg == "--slice-as-of")
      o->slice_as_of = value;
    else if (arg == "--segment-by")
      o->segment_by = value;
    else if (arg == "--segment")
      o->segment = value;
    else if (arg == "--from")
      o->from = value;
    else if (arg == "--to")
      o->to = value;
    else if (arg == "--slice-from")
      o->slice_from = value;
    else if (arg == "--reps")
      o->reps = std::atoi(value.c_str());
    else if (arg == "--threads")
      o->threads = std::atoi(value.c_str());
    else {
      std::fprintf(
          stderr,
          "usage: flywheel_bench --data DIR [--reps N] [--threads N] [--as-of DATE] [--slice-as-of DATE]\n"
          "                      [--segment-by ATTR] [--segment VALUE] [--from DATE --to DATE]\n"
          "                      [--slice-from DATE] [--out-dir DIR] [--workspace WS]\n");
      return false;
    }
  }
  if (o->data_dir.empty() || o->reps < 1) {
    std::fprintf(stderr, "flywheel_bench: give --data DIR and --reps >= 1\n");
    return false;
  }
  if (o->threads < 1) o->threads = std::max(1u, std::thread::hardware_concurrency());
  return true;
}

Result<std::unique_ptr<Input>> TimedLoad(const InputOptions& options, std::vector<double>* ms) {
  ReleaseFreedMemory();
  const auto start = std::chrono::steady_clock::now();
  auto loaded = LoadInput(options);
  ms->push_back(MsSince(start));
  if (!loaded.ok()) return loaded.status();
  return std::make_unique<Input>(std::move(*loaded));
}

// The load phase: --reps CSV loads, each after a workspace load with --workspace (dropped at
// once). Each load starts after the previous data set is freed (a user's process holds one);
// the last CSV load is kept for the reports.
struct LoadPhase {
  std::vector<double> load_ms, workspace_load_ms;
  long rss_after_load = 0;
  std::unique_ptr<Input> input;
};
Result<LoadPhase> RunLoads(const BenchOptions& o, const InputOptions& csv, const InputOptions& workspace) {
  LoadPhase phase;
  for (int r = 0; r < o.reps; ++r) {
    phase.input.reset();
    if (!o.workspace_dir.empty()) {
      auto loaded = TimedLoad(workspace, &phase.workspace_load_ms);
      if (!loaded.ok()) return loaded.status();
    }
    auto loaded = TimedLoad(csv, &phase.load_ms);
    if (!loaded.ok()) return loaded.status();
    phase.input = std::move(*loaded);
    if (r == 0) phase.rss_after_load = PeakRssKiB();
  }
  return phase;
}

// Every view of the emitted SQL must name a report of the registry.
bool CheckSqlViewReports() {
  int n = 0;
  const char* const* views = MetricsSqlViews(&n);
  for (int i = 0; i < n; ++i) {
    const char* report = MetricsSqlViewReport(views[i]);
    if (report && !FindReport(report).ok()) {
      std::fprintf(stderr, "flywheel_bench: view %s names report %s, which the registry lacks\n", views[i],
                   report);
      return false;
    }
  }
  return true;
}

// Runs `specs` --reps times, each run timed on its own, after the memory of the last is freed.
std::vector<ReportRun> TimedRuns(const Input& input, std::span<const ReportSpec> specs, bool slice,
                                 const BenchOptions& o, const char* kind, std::vector<double>* ms) {
  std::vector<ReportRun> runs;
  for (int r = 0; r < o.reps; ++r) {
    ReleaseFreedMemory();
    const auto start = std::chrono::steady_clock::now();
    runs = RunReports(input, specs, slice, o, "", kind);
    ms->push_back(MsSince(start));
  }
  return runs;
}

// What the loaded tables hold: rows and bytes of their columns (docs/PERFORMANCE.md).
std::string TablesJson(const Dataset& d) {
  std::string tables = "[";
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    if (t) tables += ",";
    tables += "{\"name\":" + JsonString(TableName(table)) + ",\"rows\":" + std::to_string(d.RowCount(table)) +
              ",\"bytes\":" + std::to_string(d.MemoryBytes(table)) + "}";
  }
  return tables + "]";
}

int Main(int argc, char** argv) {
  BenchOptions o;
  if (!ParseOptions(argc, argv, &o)) return 2;
  InputOptions csv;
  csv.data_dir = o.data_dir;
  csv.as_of = o.as_of;
  csv.load_threads = o.threads;
  InputOptions workspace = csv;
  workspace.data_dir.clear();
  workspace.workspace_dir = o.workspace_dir;

  auto loads = RunLoads(o, csv, workspace);
  if (!loads.ok()) {
    std::fprintf(stderr, "flywheel_bench: %s\n", loads.status().message().c_str());
    return 1;
  }
  std::unique_ptr<Input> input = std::move(loads->input);
  if (!CheckSqlViewReports()) return 1;
  // A report's JSON is kept only while it is measured, as the CLI prints it and lets it go.
  const auto all = Reports();
  const std::vector<ReportSpec> sql_reports = SqlViewReports();
  std::vector<double> suite_ms, slice_ms, sql_suite_ms;
  const auto suite = TimedRuns(*input, all, false, o, "suite", &suite_ms);
  const auto slice = TimedRuns(*input, all, true, o, "slice", &slice_ms);
  const auto sql_suite = TimedRuns(*input, sql_reports, false, o, "sql_suite", &sql_suite_ms);
  // One more, untimed, run of each phase writes every report's JSON to --out-dir; with
  // --workspace the same from the workspace, after the CSV's data set is freed.
  if (!o.out_dir.empty()) {
    RunReports(*input, all, false, o, o.out_dir, "suite");
    RunReports(*input, all, true, o, o.out_dir, "slice");
  }
  const std::string tables = TablesJson(input->dataset);
  if (!o.out_dir.empty() && !o.workspace_dir.empty()) {
    input.reset();
    ReleaseFreedMemory();
    auto from_workspace = LoadInput(workspace);
    if (!from_workspace.ok()) {
      std::fprintf(stderr, "flywheel_bench: %s\n", from_workspace.status().message().c_str());
      return 1;
    }
    RunReports(*from_workspace, all, false, o, o.out_dir, "ws_suite");
    RunReports(*from_workspace, all, true, o, o.out_dir, "ws_slice");
  }
  std::printf(
      "{\"threads\":%d,\"reps\":%d,\"load_ms\":%s,\"suite_ms\":%s,\"slice_ms\":%s,\"sql_suite_ms\":%s,"
      "\"workspace_load_ms\":%s,\"peak_rss_load_kib\":%ld,\"peak_rss_kib\":%ld,\"tables\":%s,\"suite\":%s,"
      "\"slice\":%s,\"sql_suite\":%s}\n",
      o.threads, o.reps, JsonList(loads->load_ms).c_str(), JsonList(suite_ms).c_str(),
      JsonList(slice_ms).c_str(), JsonList(sql_suite_ms).c_str(), JsonList(loads->workspace_load_ms).c_str(),
      loads->rss_after_load, PeakRssKiB(), tables.c_str(), ReportsJson(suite).c_str(),
      ReportsJson(slice).c_str(), ReportsJson(sql_suite).c_str());
  return 0;
}

}  // namespace
}  // namespace flywheel

int main(int argc, char** argv) { return flywheel::Main(argc, argv); }
