#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
internal import Synchronization

/// A value behind a `Synchronization.Mutex` that ThreadSanitizer can see through.
///
/// On Linux `Mutex` is built on raw futexes inside the (uninstrumented) Synchronization library, so
/// ThreadSanitizer misses its happens-before edges and reports every access it protects as a race;
/// `make tsan` would prove nothing. When the process runs under the sanitizer, its runtime exports
/// `__tsan_acquire`/`__tsan_release`, and the lock announces itself through them; otherwise the two
/// hooks are `nil` and cost one predictable branch each.
final class LockedState<State>: Sendable {
    private let mutex: Mutex<State>
    private let hooks = ThreadSanitizerHooks.shared

    init(_ state: sending State) {
        mutex = Mutex(state)
    }

    @inline(__always)
    func withLock<Result, Failure: Error>(
        _ body: (inout sending State) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        try mutex.withLock { (state: inout sending State) throws(Failure) -> sending Result in
            guard let hooks else { return try body(&state) }
            let address = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())
            hooks.acquire(address)
            defer { hooks.release(address) }
            return try body(&state)
        }
    }
}

/// The ThreadSanitizer runtime's annotation entry points, when the process has that runtime.
struct ThreadSanitizerHooks: Sendable {
    typealias Annotation = @convention(c) (UnsafeRawPointer?) -> Void

    let acquire: Annotation
    let release: Annotation

    static let shared: ThreadSanitizerHooks? = {
        guard let acquire = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_acquire"),
            let release = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_release")
        else { return nil }
        return ThreadSanitizerHooks(
            acquire: unsafeBitCast(acquire, to: Annotation.self), release: unsafeBitCast(release, to: Annotation.self))
    }()
}
