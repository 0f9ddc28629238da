namespace SymKl.Vae;

/// <summary>Hidden-layer non-linearity of the VAE's encoder and decoder.</summary>
public enum Activation
{
    Relu,
    Tanh,
    Sigmoid,
    Elu,
}
