/**
 * What a network's hidden layers represent: layer activations in one batched call ({@link
 * io.workbench.model.Differentiable#layerActivations}), linear probes per layer with control tasks
 * ({@link io.workbench.analysis.representation.LinearProbe}, Hewitt and Liang 2019), concept activation
 * vectors and the TCAV test ({@link io.workbench.analysis.representation.Tcav}, Kim et al. 2018), linear and
 * RBF centred kernel alignment between layers and models ({@link io.workbench.analysis.representation.Cka},
 * Kornblith et al. 2019) and a 2D PCA view of a layer ({@link io.workbench.analysis.representation.PcaView}).
 *
 * <pre>{@code
 * ProbeResult probes = LinearProbe.create().folds(5).seed(42).run(cnn, test);   // every layer, with controls
 * probes.plot();                                                              // accuracy by depth
 * CkaMatrix sim = Cka.linear(Cka.layers(cnn, test.x()));                      // layer x layer
 * TcavResult t = Tcav.create().layer("dense1").target(1).run(net, Map.of("big x0", conceptRows), randomRows, inputs);
 * }</pre>
 */
package io.workbench.analysis.representation;
