let bench = ThrottleBenchmark()
print(try await bench.throttlePairs(count: 5_000_000), bench.mutexPairs(count: 5_000_000))
