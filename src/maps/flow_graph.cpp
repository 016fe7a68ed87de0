#include "maps/flow_graph.hpp"

#include <algorithm>
#include <limits>

namespace maps {

std::size_t FlowGraph::add_vertex(std::int64_t weight) {
  weights_.push_back(weight);
  return weights_.size() - 1;
}

FlowGraph::Result FlowGraph::longest_path(const std::vector<std::size_t>& starts,
                                          const std::vector<std::size_t>& ends,
                                          std::size_t max_cycles) const {
  const std::size_t n = weights_.size();
  // Adjacency in compressed rows; edges keep their insertion order within a row, so
  // the search (and which edge of a loop counts as its back edge) follows the document.
  std::vector<std::size_t> first(n + 1, 0);
  for (const auto& e : edges_) ++first[e.first + 1];
  for (std::size_t v = 0; v < n; ++v) first[v + 1] += first[v];
  std::vector<std::size_t> target(edges_.size());
  {
    std::vector<std::size_t> fill(first.begin(), first.end() - 1);
    for (const auto& e : edges_) target[fill[e.first]++] = e.second;
  }

  Result out;
  enum : char { kWhite, kGrey, kBlack };
  std::vector<char> colour(n, kWhite);
  std::vector<bool> back(edges_.size(), false);
  std::vector<std::size_t> post_order;
  post_order.reserve(n);
  std::vector<std::size_t> depth_of(n, 0);
  std::vector<std::pair<std::size_t, std::size_t>> stack;  // vertex, next edge
  auto search = [&](std::size_t root) {
    if (colour[root] != kWhite) return;
    colour[root] = kGrey;
    stack.emplace_back(root, first[root]);
    while (!stack.empty()) {
      const std::size_t v = stack.back().first;
      const std::size_t edge = stack.back().second;
      if (edge == first[v + 1]) {
        colour[v] = kBlack;
        post_order.push_back(v);
        stack.pop_back();
        continue;
      }
      ++stack.back().second;
      const std::size_t u = target[edge];
      if (colour[u] == kWhite) {
        colour[u] = kGrey;
        depth_of[u] = stack.size();
        stack.emplace_back(u, first[u]);
      } else if (colour[u] == kGrey) {
        back[edge] = true;
        ++out.back_edges;
        if (out.cycles.size() < max_cycles) {
          std::vector<std::size_t> cycle;
          for (std::size_t i = depth_of[u]; i < stack.size(); ++i) cycle.push_back(stack[i].first);
          out.cycles.push_back(std::move(cycle));
        }
      }
    }
  };
  for (auto s : starts) search(s);
  for (std::size_t v = 0; v < n; ++v) search(v);

  // Reverse post-order is a topological order of the graph without its back edges.
  constexpr auto kUnreached = std::numeric_limits<std::int64_t>::min();
  constexpr auto kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::int64_t> best(n, kUnreached);
  std::vector<std::size_t> pred(n, kNone);
  for (auto s : starts) best[s] = weights_[s];
  for (auto it = post_order.rbegin(); it != post_order.rend(); ++it) {
    const std::size_t v = *it;
    if (best[v] == kUnreached) continue;
    for (std::size_t e = first[v]; e < first[v + 1]; ++e) {
      if (back[e]) continue;
      const std::size_t u = target[e];
      if (best[v] + weights_[u] > best[u]) {
        best[u] = best[v] + weights_[u];
        pred[u] = v;
      }
    }
  }
  std::size_t last = kNone;
  for (auto e : ends) {
    if (best[e] != kUnreached && (last == kNone || best[e] > best[last])) last = e;
  }
  if (last == kNone) return out;
  out.length = best[last];
  for (std::size_t v = last; v != kNone; v = pred[v]) out.path.push_back(v);
  std::reverse(out.path.begin(), out.path.end());
  return out;
}

}  // namespace maps
