"""The search queries the site must answer, and the page each must find.

tests/test_browser_search.py asserts them in the browser; scripts/search_table.py prints where each
query's page ranks. Checked against the pages' text: when a page is rewritten, adjust its row here.
"""

# Real questions a reader types, and the page that must be among the first three results.
SEARCHES = [
    ("empty batch", "reference/shapes/"),
    ("leading dimensions", "reference/shapes/"),
    ("addmm", "internals/how-pytorch-computes-it/"),
    ("fan_in", "background/initialisation/"),
    ("mat1 and mat2 shapes cannot be multiplied", "errors/reading-error-messages/"),
    ("kaiming", "background/initialisation/"),
    ("Keras 3 Dense", "frameworks/other-frameworks/"),
    ("ONNX Gemm", "frameworks/other-frameworks/"),
    ("tie embeddings", "frameworks/weight-tying/"),
    ("FLOPs", "reference/parameters-and-flops/"),
    ("Torch7", "background/history/"),
    ("column vectors", "errors/myths/"),
    ("transpose slow", "internals/is-the-transpose-slow/"),
    ("einsum", "math/equivalent-forms/"),
    # Questions as a reader types them.
    ("is the transpose slow", "internals/is-the-transpose-slow/"),
    # the transposes page answers it first: every transpose of the weight is a view, no copy
    ("does the transpose copy memory", "reference/transposes/"),
    ("how do I port Keras weights", "frameworks/porting-weights/"),
    ("what is fan_in", "background/initialisation/"),
    ("why kaiming uniform sqrt 5", "background/initialisation/"),
    ("how many parameters does a linear layer have", "reference/parameters-and-flops/"),
    ("what shape is weight.grad", "faq/"),
    ("why do textbooks write Wx", "math/rows-vs-columns/"),
    ("what does addmm do", "internals/how-pytorch-computes-it/"),
    ("what does mat1 and mat2 shapes cannot be multiplied mean", "faq/"),
    ("how does a 3-D input work", "faq/"),
    ("where does the layout come from", "background/history/"),
]


# Plain-language questions whose best answer is the home page's short answer: it must come first.
HOME_FIRST = [
    "why is the weight transposed",
    "why [out, in]",
    "why is the weight [out, in]",
    "row vector",
    "bias shape",
    "why does nn.Linear transpose the weight",
    "why is weight shape 30 20",
    "what is the shape of the bias",
    "is x a row or a column",
]


# The Chinese edition (zh/): its own index, Chinese cut into words by jieba at build time.
# Each query with the Chinese page that must be among the first three results.
ZH_SEARCHES = [
    ("权重 形状", "zh/"),
    ("为什么 转置", "zh/"),
    ("偏置", "zh/faq/"),
    ("批量 输入", "zh/"),
    ("mat1 and mat2 报错", "zh/faq/"),
    ("行向量", "zh/"),
    ("列向量", "zh/errors/myths/"),
    ("矩阵乘法 形状", "zh/"),
    ("权重 转置", "zh/"),
    ("nn.Linear 为什么", "zh/"),
    ("梯度 形状", "zh/math/gradients/"),
    ("扇入", "zh/background/initialisation/"),
    ("嵌入 共享", "zh/faq/"),
    ("参数 FLOPs", "zh/faq/"),
    ("Keras 权重", "zh/faq/"),
    ("1×1 卷积", "zh/faq/"),
    ("教材 记号", "zh/faq/"),
    ("三维 输入", "zh/faq/"),
    ("视图 复制", "zh/"),
    ("样本 特征", "zh/"),
    ("LazyLinear", "zh/faq/"),
    ("fan_in 初始化", "zh/faq/"),
    ("行优先 内存布局", "zh/math/rows-vs-columns/"),
    ("转置 慢", "zh/internals/is-the-transpose-slow/"),
    ("报错信息 mat1", "zh/errors/reading-error-messages/"),
    ("误区 列向量", "zh/errors/myths/"),
    ("权重共享 嵌入", "zh/frameworks/weight-tying/"),
    ("移植 权重 Keras", "zh/frameworks/porting-weights/"),
    ("前导维度 形状", "zh/reference/shapes/"),
    ("参数量 FLOPs", "zh/reference/parameters-and-flops/"),
    ("梯度 公式", "zh/math/gradients/"),
    ("Torch7 历史", "zh/background/history/"),
    ("einsum 等价", "zh/math/equivalent-forms/"),
    # typed without spaces, as readers usually type Chinese: Material splits Han text by the index's words
    ("为什么转置", "zh/"),
    ("权重转置", "zh/"),
    ("偏置形状", "zh/faq/"),
]

# Questions whose best answer is the Chinese home page's short answer: it must come first.
ZH_HOME_FIRST = ["权重 为什么 是 out in", "行向量", "为什么 转置"]
