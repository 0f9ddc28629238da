using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SymKl.Vae.Numerics;

/// <summary>
/// A zero-initialised float buffer on the pinned object heap whose first element is 64-byte aligned,
/// so that SIMD kernels can take raw pointers without pinning per call.
/// </summary>
public sealed unsafe class AlignedBuffer
{
    private const int AlignmentFloats = 16;
    private readonly float[] _storage;
    private readonly int _offset;

    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        _storage = GC.AllocateArray<float>(length + AlignmentFloats, pinned: true);
        var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_storage));
        var misalignment = (int)(address % (AlignmentFloats * sizeof(float)));
        _offset = misalignment == 0 ? 0 : (AlignmentFloats * sizeof(float) - misalignment) / sizeof(float);
    }

    public int Length { get; }

    public float* Pointer => (float*)Unsafe.AsPointer(ref _storage[_offset]);

    public Span<float> Span => _storage.AsSpan(_offset, Length);

    public Span<float> Slice(int start, int length) => _storage.AsSpan(_offset + start, length);

    public void Clear() => Span.Clear();
}
