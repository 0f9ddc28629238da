namespace SymKl.Vae;

/// <summary>
/// Training produced a loss or parameters that are not finite (too large a learning rate, usually).
/// The model that threw it cannot be trained on or saved; checkpoints written before are untouched.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(int epoch, int batch, int batches, string reason)
        : base(FormattableString.Invariant($"Training diverged in epoch {epoch} at batch {batch} of {batches}: {reason}."))
    {
        Epoch = epoch;
        Batch = batch;
        Batches = batches;
        Reason = reason;
    }

    public int Epoch { get; }

    public int Batch { get; }

    public int Batches { get; }

    /// <summary>What was found not finite.</summary>
    public string Reason { get; }

    /// <summary>The last checkpoint of the run, written before the divergence and left as it was; null if the run wrote none.</summary>
    public string? Checkpoint { get; init; }

    public override string Message =>
        base.Message + (Checkpoint is null ? " No checkpoint of this run was written." : $" The last good checkpoint, '{Checkpoint}', was kept.");
}
