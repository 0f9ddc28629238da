namespace SymKl.Runtime;
