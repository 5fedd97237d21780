internal import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value behind the futex lock of `Synchronization.Mutex` that ThreadSanitizer can see through, with an
/// explicit ``lock()``/``unlock()`` pair for the service's hot paths.
///
/// On Linux `Mutex` is built on raw futexes inside the (uninstrumented) Synchronization library, so
/// ThreadSanitizer misses its happens-before edges and reports every access it protects as a race;
/// `make tsan` would prove nothing. When the process runs under the sanitizer, its runtime exports
/// `__tsan_acquire`/`__tsan_release`, and the lock announces itself through them; otherwise the two
/// hooks are `nil` and cost one predictable branch each.
///
/// The lock is `Mutex`'s own `_MutexHandle` rather than a `Mutex<State>`: `Mutex` offers only
/// `withLock(_:)`, and the optimiser kept the registry's closures out of line there (a call, a stack frame
/// and a result copied through memory on every `control()` and `done()`). With `lock()` and `unlock()`
/// the hot paths are straight-line code, as cheap as the bare `Mutex` they are benchmarked against.
final class LockedState<State>: @unchecked Sendable {
    // @unchecked: `state` is only touched between `lock()` and `unlock()`.
    private let handle = _MutexHandle()
    private let state: UnsafeMutablePointer<State>
    private let hooks = ThreadSanitizerHooks.shared

    init(_ state: sending State) {
        self.state = .allocate(capacity: 1)
        self.state.initialize(to: state)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Takes the lock and returns the state, which may be used until ``unlock()``.
    @inline(__always)
    func lock() -> UnsafeMutablePointer<State> {
        handle.unsafeLock()
        if let hooks { hooks.acquire(UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())) }
        return state
    }

    /// Releases the lock taken by ``lock()``.
    @inline(__always)
    func unlock() {
        if let hooks { hooks.release(UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())) }
        handle.unsafeUnlock()
    }

    /// Runs `body` on the state under the lock.
    @inline(__always)
    func withLock<Result, Failure: Error>(
        _ body: (inout sending State) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        let state = lock()
        defer { unlock() }
        return try body(&state.pointee)
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
