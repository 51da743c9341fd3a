// PerDateMemo: values computed once per "as of" date and shared between threads, for
// DerivedData (reports/report_input.h). Keeps the latest `keep` dates (least recently used
// first).
//
// A date being computed by one thread is waited for by the others, not computed twice;
// other dates do not wait. A failure (an error Result, or an exception thrown by the
// computation) reaches every caller that waited for that computation and is not kept: the
// next call for the date computes again. A computation's entry is only ever removed by that
// computation or by eviction, never one made later for the same date.
//
// Thread-safe. `compute` runs without the memo's lock, so computations of different dates
// run at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <future>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace flywheel {

template <typename T>
class PerDateMemo {
 public:
  using Value = Result<std::shared_ptr<const T>>;

  // REQUIRES: keep >= 1.
  explicit PerDateMemo(size_t keep) : keep_(keep) {}

  // The value for `as_of`: kept, being computed by another caller (waited for), or
  // computed now by `compute()` (returns Value; may throw, and the exception then reaches
  // this caller and those waiting for it).
  template <typename Compute>
  Value Get(Day as_of, Compute&& compute) {
    std::promise<Value> promise;
    uint64_t ticket = 0;
    std::shared_future<Value> waiting;
    std::shared_ptr<int> waiters;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].as_of != as_of) continue;
        Entry hit = entries_[i];
        entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
        entries_.push_back(hit);
        waiting = hit.value;
        waiters = hit.waiters;
        ++*waiters;
        break;
      }
      if (!waiting.valid()) {
        if (entries_.size() >= keep_) entries_.erase(entries_.begin());
        ticket = next_ticket_++;
        entries_.push_back(Entry{as_of, ticket, promise.get_future().share(), std::make_shared<int>(0)});
      }
    }
    if (waiting.valid()) {
      // Kept, or being computed by another caller (whose exception get() rethrows).
      struct Leave {
        PerDateMemo* memo;
        std::shared_ptr<int> waiters;
        ~Leave() {
          std::lock_guard<std::mutex> lock(memo->mu_);
          --*waiters;
        }
      } leave{this, waiters};
      return waiting.get();
    }
    try {
      Value result = compute();
      if (!result.ok()) Forget(ticket);
      promise.set_value(result);
      return result;
    } catch (...) {
      Forget(ticket);
      promise.set_exception(std::current_exception());
      throw;
    }
  }

  // How many callers are reading the value of `as_of` from the memo right now (waiting for
  // its computation, or taking the kept value): for tests and diagnostics.
  int Readers(Day as_of) {
    std::lock_guard<std::mutex> lock(mu_);
    for (const Entry& e : entries_) {
      if (e.as_of == as_of) return *e.waiters;
    }
    return 0;
  }

  // Forgets every date (benchmarks time a phase from nothing). Computations under way finish
  // for their callers and are not kept.
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.clear();
  }

 private:
  struct Entry {
    Day as_of;
    uint64_t ticket;  // which computation made the entry
    std::shared_future<Value> value;
    std::shared_ptr<int> waiters;  // callers in Get() reading `value`; guarded by mu_
  };
  const size_t keep_;
  std::mutex mu_;
  // Removes the entry computation `ticket` made, if it is still there.
  void Forget(uint64_t ticket) {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (entries_[i].ticket == ticket) {
        entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
    }
  }

  uint64_t next_ticket_ = 1;    // guarded by mu_
  std::vector<Entry> entries_;  // guarded by mu_; least recently used first
};

}  // namespace flywheel
