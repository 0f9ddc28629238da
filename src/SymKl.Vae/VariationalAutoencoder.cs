using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using SymKl.Vae.Data;
using SymKl.Vae.Numerics;
using SymKl.Vae.Regularizers;

namespace SymKl.Vae;

/// <summary>
/// The seed's MLP variational autoencoder, trained on the CPU in float32.
/// <para>
/// Encoder x → hidden layers → (μ, log σ²); z = μ + ε ⊙ exp(½ log σ²) with ε ~ N(0, I); decoder
/// z → hidden layers → logits of a Bernoulli per pixel. Loss per image = BCE(logits, x) (summed
/// over pixels, computed from the logits) + β · R(μ, log σ²), summed over the batch, minimised with
/// Adam exactly as torch.optim.Adam does it. Parameters start from PyTorch's default Linear
/// initialisation, U(−1/√fan_in, 1/√fan_in) for weights and biases.
/// </para>
/// <para>
/// A batch is split row-wise into one shard per thread; each shard runs forward and backward on its
/// rows with its own buffers, then the shards' gradients are summed and Adam is applied, both split
/// over the parameter vector. For a given seed and thread count every result is reproducible
/// bit for bit. After construction no training step allocates.
/// </para>
/// </summary>
public sealed unsafe partial class VariationalAutoencoder : IDisposable
{
    private const ulong InitStream = 0;
    private const ulong NoiseStream = 1;
    private const ulong ShuffleStream = 2;
    private const ulong EvaluationStream = 3;

    private readonly VaeLayout _layout;
    private readonly AlignedBuffer _parameters;
    private readonly AlignedBuffer _adamM;
    private readonly AlignedBuffer _adamV;
    private readonly IVaeRegularizer _regularizer;
    private readonly WorkerPool _pool;
    private readonly VaeShard[] _shards;
    private readonly float[] _batchEps;
    private readonly int[] _batchIndices;
    private readonly TrainWork _trainWork;
    private readonly AdamWork _adamWork;
    private readonly EvaluateWork _evaluateWork;
    private readonly DecodeWork _decodeWork;
    private readonly List<EpochMetrics> _history = [];
    private EpochProgress _epochInProgress;
    private bool _diverged;
    private bool _disposed;

    /// <param name="config">Architecture and training settings.</param>
    /// <param name="threads">Worker threads; 0 for one per core.</param>
    /// <param name="regularizer">
    /// An implementation to use instead of the built-in one for <see cref="VaeConfig.Regularizer"/>
    /// (for example the KL methods emitted by the source generator); it must compute the same function.
    /// </param>
    public VariationalAutoencoder(VaeConfig config, int threads = 0, IVaeRegularizer? regularizer = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Threads = threads <= 0 ? Environment.ProcessorCount : threads;
        _layout = new VaeLayout(config);
        _parameters = new AlignedBuffer(_layout.Size);
        _adamM = new AlignedBuffer(_layout.Size);
        _adamV = new AlignedBuffer(_layout.Size);
        _regularizer = regularizer ?? VaeRegularizers.Create(config.Regularizer);
        _pool = new WorkerPool(Threads);
        var capacity = (config.BatchSize + Threads - 1) / Threads;
        _shards = new VaeShard[Threads];
        for (var t = 0; t < Threads; t++)
        {
            _shards[t] = new VaeShard(_layout, capacity);
        }

        _batchEps = new float[config.BatchSize * config.Latent];
        _batchIndices = new int[config.BatchSize];
        _trainWork = new TrainWork(this);
        _adamWork = new AdamWork(this);
        _evaluateWork = new EvaluateWork(this);
        _decodeWork = new DecodeWork(this);
        InitializeParameters();
    }

    public VaeConfig Config { get; }

    public int Threads { get; }

    /// <summary>Adam steps taken so far.</summary>
    public long Step { get; private set; }

    public int EpochsCompleted { get; private set; }

    /// <summary>
    /// Bytes allocated per training step during the last <see cref="TrainEpoch"/> (calling thread and
    /// workers, including whatever the progress callback allocated); 0 in steady state.
    /// </summary>
    public double LastEpochAllocatedBytesPerStep { get; private set; }

    public IReadOnlyList<EpochMetrics> History => _history;

    /// <summary>Number of trainable parameters (without the internal padding).</summary>
    public int ParameterCount => _layout.LogicalParameterCount;

    /// <summary>Bytes allocated by the worker threads while they ran work (zero in steady state).</summary>
    public long WorkerAllocatedBytes => _pool.WorkerAllocatedBytes;

    /// <summary>
    /// The parameters in a fixed order: for each layer (encoder hidden layers, the (μ, log σ²) head,
    /// decoder hidden layers, output layer), the weights as [input][output], then the biases.
    /// </summary>
    public void CopyParametersTo(Span<float> destination) => _layout.Pack(_parameters.Span, destination);

    public float[] GetParameters()
    {
        var values = new float[ParameterCount];
        CopyParametersTo(values);
        return values;
    }

    public void SetParameters(ReadOnlySpan<float> values)
    {
        if (values.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} parameters, got {values.Length}.", nameof(values));
        }

        _layout.Unpack(values, _parameters.Span);
    }

    private void InitializeParameters()
    {
        var rng = new Rng(Config.Seed, InitStream);
        var p = _parameters.Span;
        p.Clear();
        foreach (var layer in _layout.Layers)
        {
            var bound = 1f / MathF.Sqrt(layer.In);

            // PyTorch's order: weight[out][in], then bias.
            for (var o = 0; o < layer.Out; o++)
            {
                for (var i = 0; i < layer.In; i++)
                {
                    p[layer.WeightOffset + i * layer.PaddedOut + o] = rng.NextUniform(bound);
                }
            }

            for (var o = 0; o < layer.Out; o++)
            {
                p[layer.BiasOffset + o] = rng.NextUniform(bound);
            }
        }
    }

    // ------------------------------------------------------------------ training

    /// <summary>
    /// Trains one epoch over <paramref name="train"/> in a shuffled order determined by the seed and
    /// the epoch number, then (if given) evaluates on <paramref name="test"/>. An epoch that was stopped
    /// part-way (see <paramref name="cancellation"/>) continues with its next batch.
    /// </summary>
    /// <param name="cancellation">
    /// Checked before every batch: when it is set the epoch stops at that batch boundary, the model keeps
    /// the epoch's progress (<see cref="EpochInProgress"/>, saved by <see cref="Save(string)"/>) and an
    /// <see cref="OperationCanceledException"/> is thrown. Continuing gives the same result, bit for bit,
    /// as never having stopped.
    /// </param>
    /// <exception cref="TrainingDivergedException">
    /// A batch's loss, the test loss or a parameter is no longer finite. The model is then unusable
    /// (<see cref="Save(string)"/> refuses it); the last checkpoint written before is the one to keep.
    /// </exception>
    public EpochMetrics TrainEpoch(ImageDataset train, ImageDataset? test = null, Action<BatchProgress>? progress = null, CancellationToken cancellation = default)
    {
        CheckDataset(train);
        ThrowIfDiverged();
        var epoch = EpochsCompleted + 1;
        var partial = _epochInProgress;
        if (partial.BatchesDone > 0 && partial.TrainImages != train.Count)
        {
            throw new ArgumentException(FormattableString.Invariant(
                $"Epoch {epoch} was stopped after {partial.BatchesDone} batches of a training set of {partial.TrainImages} images; it can only go on over the same images, not {train.Count}."));
        }

        if (train.Count == 0)
        {
            throw new ArgumentException("The training set has no images.", nameof(train));
        }

        var order = new int[train.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var shuffle = new Rng(Config.Seed, ShuffleStream, (ulong)epoch);
        shuffle.Shuffle(order);

        var batches = (train.Count + Config.BatchSize - 1) / Config.BatchSize;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread() + _pool.WorkerAllocatedBytes;
        var stopwatch = Stopwatch.StartNew();
        double recon = partial.Reconstruction, reg = partial.Regularizer, total = partial.Total;
        var seen = partial.Seen;
        var first = partial.BatchesDone;
        for (var b = first; b < batches; b++)
        {
            if (cancellation.IsCancellationRequested)
            {
                if (!ParametersAreFinite())
                {
                    _diverged = true;
                    throw new TrainingDivergedException(epoch, b, batches, $"a parameter is no longer finite after batch {b}");
                }

                _epochInProgress = b == 0 ? default : new EpochProgress(b, train.Count, recon, reg, total, seen, partial.Seconds + stopwatch.Elapsed.TotalSeconds);
                throw new OperationCanceledException(cancellation);
            }

            var start = b * Config.BatchSize;
            var count = Math.Min(Config.BatchSize, train.Count - start);
            var sums = TrainBatch(train, order.AsSpan(start, count));
            if (!double.IsFinite(sums.Total))
            {
                _diverged = true;
                throw new TrainingDivergedException(epoch, b + 1, batches, $"the loss of batch {b + 1} is {Describe(sums.Total)}");
            }

            recon += sums.Reconstruction;
            reg += sums.Regularizer;
            total += sums.Total;
            seen += count;
            if (progress is not null)
            {
                var elapsed = partial.Seconds + stopwatch.Elapsed.TotalSeconds;
                progress(new BatchProgress(epoch, b + 1, batches, total / seen, elapsed > 0 ? seen / elapsed : 0));
            }
        }

        var seconds = partial.Seconds + stopwatch.Elapsed.TotalSeconds;
        LastEpochAllocatedBytesPerStep = (GC.GetAllocatedBytesForCurrentThread() + _pool.WorkerAllocatedBytes - allocatedBefore) / (double)Math.Max(1, batches - first);
        _epochInProgress = default;

        // The last step can leave non-finite parameters behind a finite loss.
        if (!ParametersAreFinite())
        {
            _diverged = true;
            throw new TrainingDivergedException(epoch, batches, batches, "a parameter is no longer finite after the last step");
        }

        var testSums = test is null ? default : Evaluate(test, epoch);
        if (!double.IsFinite(testSums.Total))
        {
            _diverged = true;
            throw new TrainingDivergedException(epoch, batches, batches, $"the test loss is {Describe(testSums.Total)}");
        }

        EpochsCompleted = epoch;
        var metrics = new EpochMetrics(
            epoch,
            total / train.Count,
            recon / train.Count,
            reg / train.Count,
            testSums.PerImage,
            testSums.ReconstructionPerImage,
            testSums.RegularizerPerImage,
            seconds);
        _history.Add(metrics);
        return metrics;
    }

    /// <summary>The part of the next epoch already trained (none when <see cref="EpochProgress.BatchesDone"/> is 0).</summary>
    public EpochProgress EpochInProgress => _epochInProgress;

    private static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+∞" : "−∞";

    private bool ParametersAreFinite() =>
        AllFinite(_parameters.Span) && AllFinite(_adamM.Span) && AllFinite(_adamV.Span);

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private void ThrowIfDiverged()
    {
        if (_diverged)
        {
            throw new InvalidOperationException("This model's training diverged; its parameters are not finite. Load the last checkpoint or start again.");
        }
    }

    /// <summary>One Adam step on the images <paramref name="indices"/> of <paramref name="data"/>. Does not allocate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LossSums TrainBatch(ImageDataset data, ReadOnlySpan<int> indices)
    {
        var count = PrepareBatch(data, indices);
        Step++;
        var noise = new Rng(Config.Seed, NoiseStream, (ulong)Step);
        noise.FillNormal(_batchEps.AsSpan(0, count * Config.Latent));
        var sums = ComputeGradients(data, count);
        _adamWork.Prepare(Step);
        _pool.Run(_adamWork);
        return sums;
    }

    /// <summary>
    /// The batch's summed loss and its gradient with respect to every parameter (in the order of
    /// <see cref="CopyParametersTo"/>), for the given noise ε (one row of <c>Latent</c> values per image);
    /// no parameter changes. For gradient checks.
    /// </summary>
    public LossSums LossAndGradient(ImageDataset data, ReadOnlySpan<int> indices, ReadOnlySpan<float> eps, Span<float> gradient)
    {
        var count = PrepareBatch(data, indices);
        if (eps.Length != count * Config.Latent)
        {
            throw new ArgumentException("eps must hold Latent values per image.", nameof(eps));
        }

        eps.CopyTo(_batchEps);
        var sums = ComputeGradients(data, count);
        var total = _shards[0].ParameterGradient.Span;
        for (var s = 1; s < _shards.Length; s++)
        {
            TensorPrimitives.Add(total, _shards[s].ParameterGradient.Span, total);
        }

        _layout.Pack(total, gradient);
        return sums;
    }

    private int PrepareBatch(ImageDataset data, ReadOnlySpan<int> indices)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckDataset(data);
        if (indices.Length == 0 || indices.Length > Config.BatchSize)
        {
            throw new ArgumentException($"A batch holds 1 to {Config.BatchSize} images.", nameof(indices));
        }

        foreach (var index in indices)
        {
            if ((uint)index >= (uint)data.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), "An image index is out of range.");
            }
        }

        indices.CopyTo(_batchIndices);
        return indices.Length;
    }

    private LossSums ComputeGradients(ImageDataset data, int count)
    {
        _trainWork.Prepare(data, count);
        _pool.Run(_trainWork);
        double recon = 0, reg = 0;
        foreach (var shard in _shards)
        {
            recon += shard.Reconstruction;
            reg += shard.Regularizer;
        }

        return new LossSums(recon, reg, recon + Config.Beta * reg, count);
    }

    private void CheckDataset(ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Pixels != Config.InputSize)
        {
            throw new ArgumentException($"The images have {data.Pixels} pixels; this model expects {Config.InputSize}.");
        }
    }

    private static (int Start, int Count) Partition(int total, int part, int parts)
    {
        var start = (int)((long)total * part / parts);
        var end = (int)((long)total * (part + 1) / parts);
        return (start, end - start);
    }

    /// <summary>Forward and backward pass for rows [start, start + count) of the current batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TrainShard(VaeShard shard, ImageDataset data, int start, int count)
    {
        if (count == 0)
        {
            shard.ParameterGradient.Clear();
            shard.Reconstruction = 0;
            shard.Regularizer = 0;
            return;
        }

        var latent = Config.Latent;
        Gather(shard, data, _batchIndices.AsSpan(start, count));
        _batchEps.AsSpan(start * latent, count * latent).CopyTo(shard.Eps);
        ForwardEncoder(shard, count);
        Reparameterize(shard, count);
        ForwardDecoder(shard, count);

        // Reconstruction: Bernoulli NLL from the logits; its gradient goes straight into the output layer's buffer.
        var output = _layout.Layers[^1];
        var logits = shard.Activations[^1].Span;
        var dLogits = shard.Gradients[^1].Span;
        var x = shard.X.Span;
        double recon = 0;
        for (var r = 0; r < count; r++)
        {
            recon += VectorMath.BceWithLogits(
                logits.Slice(r * output.PaddedOut, output.Out),
                x.Slice(r * _layout.PaddedInput, _layout.Input),
                dLogits.Slice(r * output.PaddedOut, output.Out));
        }

        var n = count * latent;
        var reg = _regularizer.ValueAndGradient(shard.Mu.AsSpan(0, n), shard.LogVar.AsSpan(0, n), shard.DMu.AsSpan(0, n), shard.DLogVar.AsSpan(0, n));
        shard.Reconstruction = recon;
        shard.Regularizer = reg;
        Backward(shard, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Gather(VaeShard shard, ImageDataset data, ReadOnlySpan<int> indices)
    {
        var x = shard.X.Span;
        for (var r = 0; r < indices.Length; r++)
        {
            data.Image(indices[r]).CopyTo(x.Slice(r * _layout.PaddedInput, _layout.Input));
        }
    }

    private (IntPtr Pointer, int Stride) LayerInput(VaeShard shard, int l)
    {
        if (l == 0)
        {
            return ((IntPtr)shard.X.Pointer, _layout.PaddedInput);
        }

        if (l == _layout.EncoderLayers)
        {
            return ((IntPtr)shard.Z.Pointer, _layout.PaddedLatent);
        }

        return ((IntPtr)shard.Activations[l - 1].Pointer, _layout.Layers[l - 1].PaddedOut);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardLayer(VaeShard shard, int l, int count)
    {
        var layer = _layout.Layers[l];
        var (input, stride) = LayerInput(shard, l);
        var p = _parameters.Pointer;
        var output = shard.Activations[l];
        Gemm.MultiplyAdd(count, layer.PaddedOut, layer.In, (float*)input, stride, 1, p + layer.WeightOffset, layer.PaddedOut, output.Pointer, layer.PaddedOut, p + layer.BiasOffset, accumulate: false);
        if (layer.Activated)
        {
            var span = output.Span;
            for (var r = 0; r < count; r++)
            {
                VectorMath.ActivateInPlace(Config.Activation, span.Slice(r * layer.PaddedOut, layer.Out));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardEncoder(VaeShard shard, int count)
    {
        for (var l = 0; l < _layout.EncoderLayers; l++)
        {
            ForwardLayer(shard, l, count);
        }

        // Split the head's output into contiguous μ and log σ² blocks.
        var head = _layout.Layers[_layout.HeadIndex];
        var h = shard.Activations[_layout.HeadIndex].Span;
        var latent = Config.Latent;
        for (var r = 0; r < count; r++)
        {
            h.Slice(r * head.PaddedOut, latent).CopyTo(shard.Mu.AsSpan(r * latent, latent));
            h.Slice(r * head.PaddedOut + latent, latent).CopyTo(shard.LogVar.AsSpan(r * latent, latent));
        }
    }

    /// <summary>z = μ + ε ⊙ σ with σ = exp(½ log σ²), written into the decoder's (padded) input rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Reparameterize(VaeShard shard, int count)
    {
        var latent = Config.Latent;
        var n = count * latent;
        var std = shard.Std.AsSpan(0, n);
        TensorPrimitives.Multiply(shard.LogVar.AsSpan(0, n), 0.5f, std);
        TensorPrimitives.Exp(std, std);
        var z = shard.Z.Span;
        for (var r = 0; r < count; r++)
        {
            var row = z.Slice(r * _layout.PaddedLatent, latent);
            TensorPrimitives.FusedMultiplyAdd(shard.Eps.AsSpan(r * latent, latent), std.Slice(r * latent, latent), shard.Mu.AsSpan(r * latent, latent), row);
        }
    }

    private void ForwardDecoder(VaeShard shard, int count)
    {
        for (var l = _layout.EncoderLayers; l < _layout.Layers.Length; l++)
        {
            ForwardLayer(shard, l, count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(VaeShard shard, int count)
    {
        var p = _parameters.Pointer;
        var grad = shard.ParameterGradient;
        var latent = Config.Latent;
        for (var l = _layout.Layers.Length - 1; l >= 0; l--)
        {
            var layer = _layout.Layers[l];
            var g = shard.Gradients[l];
            var (input, stride) = LayerInput(shard, l);

            // dW = inputᵀ · g,  db = Σ_rows g.
            Gemm.MultiplyAdd(layer.In, layer.PaddedOut, count, (float*)input, 1, stride, g.Pointer, layer.PaddedOut, grad.Pointer + layer.WeightOffset, layer.PaddedOut, null, accumulate: false);
            var db = grad.Slice(layer.BiasOffset, layer.PaddedOut);
            var gs = g.Span;
            gs.Slice(0, layer.PaddedOut).CopyTo(db);
            for (var r = 1; r < count; r++)
            {
                TensorPrimitives.Add(db, gs.Slice(r * layer.PaddedOut, layer.PaddedOut), db);
            }

            if (l == 0)
            {
                break;
            }

            // d input = g · Wᵀ.
            if (l == _layout.EncoderLayers)
            {
                Gemm.MultiplyTransposedAdd(count, latent, layer.PaddedOut, g.Pointer, layer.PaddedOut, p + layer.WeightOffset, layer.PaddedOut, shard.DZ.Pointer, _layout.PaddedLatent, accumulate: false);
                HeadGradient(shard, count);
                continue;
            }

            var previous = _layout.Layers[l - 1];
            var target = shard.Gradients[l - 1];
            Gemm.MultiplyTransposedAdd(count, layer.In, layer.PaddedOut, g.Pointer, layer.PaddedOut, p + layer.WeightOffset, layer.PaddedOut, target.Pointer, previous.PaddedOut, accumulate: false);
            if (previous.Activated)
            {
                var a = shard.Activations[l - 1].Span;
                var t = target.Span;
                for (var r = 0; r < count; r++)
                {
                    VectorMath.BackwardInPlace(Config.Activation, a.Slice(r * previous.PaddedOut, previous.Out), t.Slice(r * previous.PaddedOut, previous.Out));
                }
            }
        }
    }

    /// <summary>
    /// Gradient at the head's output: ∂/∂μ = β ∂R/∂μ + ∂L/∂z,  ∂/∂log σ² = β ∂R/∂log σ² + ½ ∂L/∂z ⊙ ε ⊙ σ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void HeadGradient(VaeShard shard, int count)
    {
        var latent = Config.Latent;
        var head = _layout.Layers[_layout.HeadIndex];
        var dh = shard.Gradients[_layout.HeadIndex].Span;
        var dz = shard.DZ.Span;
        var beta = Config.Beta;
        for (var r = 0; r < count; r++)
        {
            var row = dh.Slice(r * head.PaddedOut, head.PaddedOut);
            var dzRow = dz.Slice(r * _layout.PaddedLatent, latent);
            for (var j = 0; j < latent; j++)
            {
                var k = r * latent + j;
                row[j] = beta * shard.DMu[k] + dzRow[j];
                row[latent + j] = beta * shard.DLogVar[k] + 0.5f * dzRow[j] * shard.Eps[k] * shard.Std[k];
            }
        }
    }

    // ------------------------------------------------------------------ Adam

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AdamRange(int start, int count, long step)
    {
        var g = _shards[0].ParameterGradient.Slice(start, count);
        for (var s = 1; s < _shards.Length; s++)
        {
            TensorPrimitives.Add(g, _shards[s].ParameterGradient.Slice(start, count), g);
        }

        AdamUpdate(_parameters.Slice(start, count), _adamM.Slice(start, count), _adamV.Slice(start, count), g, step, Config);
    }

    /// <summary>
    /// torch.optim.Adam's update (no weight decay, no amsgrad):
    /// m ← m + (1 − β1)(g − m);  v ← β2 v + (1 − β2) g²;
    /// p ← p − (lr / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AdamUpdate(Span<float> parameters, Span<float> m, Span<float> v, ReadOnlySpan<float> g, long step, VaeConfig config)
    {
        var bias1 = 1.0 - Math.Pow(config.Beta1, step);
        var bias2 = 1.0 - Math.Pow(config.Beta2, step);
        var stepSize = (float)(config.LearningRate / bias1);
        var bias2Sqrt = (float)Math.Sqrt(bias2);
        // As torch.optim.Adam: the coefficients are formed in double precision, then used in float32.
        var oneMinusBeta1 = (float)(1.0 - config.Beta1);
        var oneMinusBeta2 = (float)(1.0 - config.Beta2);
        var beta2 = (float)config.Beta2;
        var eps = (float)config.Epsilon;
        var i = 0;
        var n = parameters.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            fixed (float* pp = parameters, mp = m, vp = v, gp = g)
            {
                for (; i + 16 <= n; i += 16)
                {
                    var gv = Vector512.Load(gp + i);
                    var mv = Vector512.Load(mp + i);
                    var vv = Vector512.Load(vp + i);
                    mv += Vector512.Create(oneMinusBeta1) * (gv - mv);
                    vv = vv * Vector512.Create(beta2) + Vector512.Create(oneMinusBeta2) * gv * gv;
                    var denom = Vector512.Sqrt(vv) / Vector512.Create(bias2Sqrt) + Vector512.Create(eps);
                    var pv = Vector512.Load(pp + i) - Vector512.Create(stepSize) * (mv / denom);
                    mv.Store(mp + i);
                    vv.Store(vp + i);
                    pv.Store(pp + i);
                }
            }
        }

        for (; i < n; i++)
        {
            var gi = g[i];
            m[i] += oneMinusBeta1 * (gi - m[i]);
            v[i] = v[i] * beta2 + oneMinusBeta2 * gi * gi;
            var denom = MathF.Sqrt(v[i]) / bias2Sqrt + eps;
            parameters[i] -= stepSize * (m[i] / denom);
        }
    }

    // ------------------------------------------------------------------ evaluation, encoding, decoding

    /// <summary>
    /// Summed loss over <paramref name="data"/> with z sampled as in training (noise fixed by the seed,
    /// <paramref name="key"/> and the image's index), optionally writing every image's μ and log σ².
    /// </summary>
    public LossSums Evaluate(ImageDataset data, long key = 0, float[]? mu = null, float[]? logVar = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckDataset(data);
        _evaluateWork.Prepare(data, key, decode: true, mu, logVar);
        _pool.Run(_evaluateWork);
        double recon = 0, reg = 0;
        foreach (var shard in _shards)
        {
            recon += shard.Reconstruction;
            reg += shard.Regularizer;
        }

        return new LossSums(recon, reg, recon + Config.Beta * reg, data.Count);
    }

    /// <summary>μ and log σ² of q(z|x) for every image, <c>Latent</c> values per image.</summary>
    public (float[] Mu, float[] LogVar) Encode(ImageDataset data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckDataset(data);
        var mu = new float[data.Count * Config.Latent];
        var logVar = new float[data.Count * Config.Latent];
        _evaluateWork.Prepare(data, 0, decode: false, mu, logVar);
        _pool.Run(_evaluateWork);
        return (mu, logVar);
    }

    /// <summary>Bernoulli means (pixel intensities in [0, 1]) for latent codes z (<c>Latent</c> values per image).</summary>
    public float[] Decode(ReadOnlySpan<float> z)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (z.Length % Config.Latent != 0)
        {
            throw new ArgumentException("z must hold Latent values per image.", nameof(z));
        }

        var count = z.Length / Config.Latent;
        var images = new float[count * Config.InputSize];
        _decodeWork.Prepare(z.ToArray(), count, images);
        _pool.Run(_decodeWork);
        return images;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EvaluateShard(VaeShard shard, ImageDataset data, int start, int count, long key, bool decode, float[]? muOut, float[]? logVarOut)
    {
        double recon = 0, reg = 0;
        var latent = Config.Latent;
        var output = _layout.Layers[^1];
        for (var chunk = 0; chunk < count; chunk += shard.Capacity)
        {
            var rows = Math.Min(shard.Capacity, count - chunk);
            var first = start + chunk;
            var x = shard.X.Span;
            for (var r = 0; r < rows; r++)
            {
                data.Image(first + r).CopyTo(x.Slice(r * _layout.PaddedInput, _layout.Input));
            }

            ForwardEncoder(shard, rows);
            var n = rows * latent;
            if (muOut is not null)
            {
                shard.Mu.AsSpan(0, n).CopyTo(muOut.AsSpan(first * latent, n));
            }

            if (logVarOut is not null)
            {
                shard.LogVar.AsSpan(0, n).CopyTo(logVarOut.AsSpan(first * latent, n));
            }
            if (!decode)
            {
                continue;
            }

            for (var r = 0; r < rows; r++)
            {
                var rng = new Rng(Config.Seed, EvaluationStream + (ulong)key * 4, (ulong)(first + r));
                rng.FillNormal(shard.Eps.AsSpan(r * latent, latent));
            }

            Reparameterize(shard, rows);
            ForwardDecoder(shard, rows);
            var logits = shard.Activations[^1].Span;
            for (var r = 0; r < rows; r++)
            {
                recon += VectorMath.BceWithLogits(logits.Slice(r * output.PaddedOut, output.Out), x.Slice(r * _layout.PaddedInput, _layout.Input));
            }

            reg += _regularizer.ValueAndGradient(shard.Mu.AsSpan(0, n), shard.LogVar.AsSpan(0, n), shard.DMu.AsSpan(0, n), shard.DLogVar.AsSpan(0, n));
        }

        shard.Reconstruction = recon;
        shard.Regularizer = reg;
    }

    private void DecodeShard(VaeShard shard, float[] z, int start, int count, float[] images)
    {
        var latent = Config.Latent;
        var output = _layout.Layers[^1];
        for (var chunk = 0; chunk < count; chunk += shard.Capacity)
        {
            var rows = Math.Min(shard.Capacity, count - chunk);
            var first = start + chunk;
            var zb = shard.Z.Span;
            for (var r = 0; r < rows; r++)
            {
                z.AsSpan((first + r) * latent, latent).CopyTo(zb.Slice(r * _layout.PaddedLatent, latent));
            }

            ForwardDecoder(shard, rows);
            var logits = shard.Activations[^1].Span;
            for (var r = 0; r < rows; r++)
            {
                TensorPrimitives.Sigmoid(logits.Slice(r * output.PaddedOut, output.Out), images.AsSpan((first + r) * Config.InputSize, Config.InputSize));
            }
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _pool.Dispose();
        }
    }

    // ------------------------------------------------------------------ work items (allocated once)

    private sealed class TrainWork(VariationalAutoencoder owner) : IPartitionedWork
    {
        private ImageDataset? _data;
        private int _count;

        public void Prepare(ImageDataset data, int count)
        {
            _data = data;
            _count = count;
        }

        public void Run(int partition, int parts)
        {
            var (start, count) = Partition(_count, partition, parts);
            owner.TrainShard(owner._shards[partition], _data!, start, count);
        }
    }

    private sealed class AdamWork(VariationalAutoencoder owner) : IPartitionedWork
    {
        private long _step;

        public void Prepare(long step) => _step = step;

        public void Run(int partition, int parts)
        {
            // Split the parameter vector on 16-float boundaries.
            var vectors = owner._layout.Size / Gemm.Alignment;
            var (start, count) = Partition(vectors, partition, parts);
            owner.AdamRange(start * Gemm.Alignment, count * Gemm.Alignment, _step);
        }
    }

    private sealed class EvaluateWork(VariationalAutoencoder owner) : IPartitionedWork
    {
        private ImageDataset? _data;
        private long _key;
        private bool _decode;
        private float[]? _mu;
        private float[]? _logVar;

        public void Prepare(ImageDataset data, long key, bool decode, float[]? mu, float[]? logVar)
        {
            _data = data;
            _key = key;
            _decode = decode;
            _mu = mu;
            _logVar = logVar;
        }

        public void Run(int partition, int parts)
        {
            var (start, count) = Partition(_data!.Count, partition, parts);
            owner.EvaluateShard(owner._shards[partition], _data, start, count, _key, _decode, _mu, _logVar);
        }
    }

    private sealed class DecodeWork(VariationalAutoencoder owner) : IPartitionedWork
    {
        private float[]? _z;
        private int _count;
        private float[]? _images;

        public void Prepare(float[] z, int count, float[] images)
        {
            _z = z;
            _count = count;
            _images = images;
        }

        public void Run(int partition, int parts)
        {
            var (start, count) = Partition(_count, partition, parts);
            owner.DecodeShard(owner._shards[partition], _z!, start, count, _images!);
        }
    }
}
