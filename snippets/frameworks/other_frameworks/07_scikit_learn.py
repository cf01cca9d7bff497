"""scikit-learn uses both layouts: MLP coefs_ are [in, out], LinearRegression
coef_ is [out, in].
"""

import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.neural_network import MLPClassifier

rng = np.random.default_rng(0)
X = rng.standard_normal((60, 20))  # (B, in): 60 samples, 20 features
labels = rng.integers(0, 3, 60)  # (B,): three classes
targets = rng.standard_normal((60, 30))  # (B, out): 30 regression targets

mlp = MLPClassifier(
    hidden_layer_sizes=(30,), max_iter=2000, random_state=0
).fit(X, labels)
reg = LinearRegression().fit(X, targets)

print([w.shape for w in mlp.coefs_])  # one (in, out) matrix per layer
#> [(20, 30), (30, 3)]
# (n_targets, n_features) = (out, in)
print(reg.coef_.shape, reg.intercept_.shape)
#> (30, 20) (30,)
print(np.allclose(reg.predict(X), X @ reg.coef_.T + reg.intercept_))
#> True

# (B, 30): ReLU(x W + b), no transpose
hidden = np.maximum(X @ mlp.coefs_[0] + mlp.intercepts_[0], 0)
scores = hidden @ mlp.coefs_[1] + mlp.intercepts_[1]  # (B, 3)
probs = np.exp(scores - scores.max(1, keepdims=True))
print(np.allclose(mlp.predict_proba(X), probs / probs.sum(1, keepdims=True)))
#> True
