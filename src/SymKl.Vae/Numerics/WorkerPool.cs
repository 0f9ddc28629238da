using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace SymKl.Vae.Numerics;

/// <summary>Work that a <see cref="WorkerPool"/> runs once per partition, 0 ≤ partition &lt; count.</summary>
public interface IPartitionedWork
{
    void Run(int partition, int count);
}

/// <summary>
/// A fork–join pool of dedicated threads for the training loop. Unlike Parallel.For it does not
/// allocate per call: the calling thread runs partition 0, each worker one other partition, and
/// workers spin briefly between calls (a training step forks twice within microseconds) before
/// blocking. Exceptions from any partition are rethrown on the calling thread.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private const long SpinTicksBeforeBlocking = 200; // microseconds, converted in the constructor

    private readonly Worker[] _workers;
    private readonly long _spinTicks;
    private IPartitionedWork? _work;
    private int _pending;
    private volatile int _generation;
    private volatile bool _disposed;
    private Exception? _failure;

    public WorkerPool(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        Threads = threads;
        _spinTicks = SpinTicksBeforeBlocking * Stopwatch.Frequency / 1_000_000;
        _workers = new Worker[threads - 1];
        for (var w = 0; w < _workers.Length; w++)
        {
            _workers[w] = new Worker(this, w + 1);
        }
    }

    /// <summary>Number of partitions each <see cref="Run{TWork}"/> call is split into.</summary>
    public int Threads { get; }

    /// <summary>Bytes allocated on worker threads while they ran work (for the no-allocation checks).</summary>
    public long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (var worker in _workers)
            {
                total += Interlocked.Read(ref worker.AllocatedBytes);
            }

            return total;
        }
    }

    /// <summary>Runs <paramref name="work"/> for every partition and returns when all are done.</summary>
    public void Run<TWork>(TWork work)
        where TWork : class, IPartitionedWork
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_workers.Length == 0)
        {
            work.Run(0, 1);
            return;
        }

        _work = work;
        _failure = null;
        Volatile.Write(ref _pending, _workers.Length);
        _generation++;
        foreach (var worker in _workers)
        {
            worker.Wake();
        }

        try
        {
            work.Run(0, Threads);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
        }

        var spinner = default(SpinWait);
        while (Volatile.Read(ref _pending) != 0)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        _work = null;
        if (_failure is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _generation++;
        foreach (var worker in _workers)
        {
            worker.Wake();
        }

        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private sealed class Worker
    {
        private readonly WorkerPool _pool;
        private readonly int _partition;
        private readonly ManualResetEventSlim _signal = new(false, 0);
        private readonly Thread _thread;
        public long AllocatedBytes;

        public Worker(WorkerPool pool, int partition)
        {
            _pool = pool;
            _partition = partition;
            _thread = new Thread(Loop) { IsBackground = true, Name = $"SymKl worker {partition}" };
            _thread.Start();
        }

        public void Wake() => _signal.Set();

        public void Join() => _thread.Join();

        private void Loop()
        {
            var seen = 0;
            while (true)
            {
                // Spin for a short while: the next fork usually follows within microseconds.
                var start = Stopwatch.GetTimestamp();
                while (_pool._generation == seen && Stopwatch.GetTimestamp() - start < _pool._spinTicks)
                {
                    Thread.SpinWait(20);
                }

                while (_pool._generation == seen)
                {
                    _signal.Reset();
                    if (_pool._generation != seen)
                    {
                        break;
                    }

                    _signal.Wait();
                }

                seen = _pool._generation;
                if (_pool._disposed)
                {
                    return;
                }

                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    _pool._work!.Run(_partition, _pool.Threads);
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref _pool._failure, ex, null);
                }

                Interlocked.Add(ref AllocatedBytes, GC.GetAllocatedBytesForCurrentThread() - before);
                Interlocked.Decrement(ref _pool._pending);
            }
        }
    }
}
